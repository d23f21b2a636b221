package com.aiagents.platform.common.tracing;

/**
 * Span names the runbooks search for. One ticket's trace reads, parent to child:
 * {@code webhook_received → signature_validation → job_queued → ticket_enhanced →
 * enhancement_posted}, with the worker's steps as children of {@code ticket_enhanced}.
 * HTTP spans are named by {@link ServerTracing} ({@code POST /webhook/servicedesk}) and
 * {@link TracingInterceptor} ({@code HTTP GET acme.sdpondemand.example}).
 */
public final class SpanNames {
    // gateway
    public static final String WEBHOOK_RECEIVED = "webhook_received";
    public static final String SIGNATURE_VALIDATION = "signature_validation";
    public static final String JOB_QUEUED = "job_queued";
    // worker
    public static final String TICKET_ENHANCED = "ticket_enhanced";
    public static final String SDP_FETCH_REQUEST = "sdp_fetch_request";
    public static final String CONTEXT_GATHERING = "context_gathering";
    public static final String SYNTHESIS = "synthesis";
    public static final String LLM_CALL = "llm_call";
    public static final String ENHANCEMENT_POSTED = "enhancement_posted";
    // onboarding (provisioning-service) and gates (gates-runner)
    public static final String ONBOARDING = "onboarding";
    public static final String ONBOARDING_STEP = "onboarding_step";
    public static final String GATE_RUN = "gate_run";
    public static final String GATE = "gate";

    private SpanNames() {
    }
}
