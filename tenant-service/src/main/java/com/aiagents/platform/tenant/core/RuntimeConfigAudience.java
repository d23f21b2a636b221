package com.aiagents.platform.tenant.core;

import com.aiagents.platform.common.auth.PlatformService;

/**
 * Which parts of a tenant's runtime config (decrypted secrets included) a calling service gets:
 * only what it uses, so a compromised gateway holds no SDP credentials and a compromised worker no
 * webhook secret. Parts a caller does not get are absent (null) and are not even decrypted.
 */
public enum RuntimeConfigAudience {
    /** webhook-gateway: verifies signatures, applies the rate limit, routes by tier. */
    WEBHOOK_VERIFICATION(true, false, false, false),
    /** enhancement-worker: calls SDP with the tenant's credentials and preferences, and the tenant's own LLM. */
    SDP_CALLS(false, true, true, true),
    /** gates-runner: signs gate 3's webhook like SDP and calls SDP and the tenant's own LLM for gate 4. */
    GATES(true, true, true, true),
    /** provisioning-service: writes the SDP credentials into the tenant's Kubernetes Secret. */
    CREDENTIALS_SECRET(false, true, false, false);

    private final boolean webhook;
    private final boolean servicedesk;
    private final boolean preferences;
    private final boolean llmEndpoint;

    RuntimeConfigAudience(boolean webhook, boolean servicedesk, boolean preferences, boolean llmEndpoint) {
        this.webhook = webhook;
        this.servicedesk = servicedesk;
        this.preferences = preferences;
        this.llmEndpoint = llmEndpoint;
    }

    public static RuntimeConfigAudience of(PlatformService caller) {
        return switch (caller) {
            case GATEWAY -> WEBHOOK_VERIFICATION;
            case WORKER -> SDP_CALLS;
            case GATES -> GATES;
            case PROVISIONING -> CREDENTIALS_SECRET;
        };
    }

    boolean webhook() {
        return webhook;
    }

    boolean servicedesk() {
        return servicedesk;
    }

    boolean preferences() {
        return preferences;
    }

    /** The tenant's own LLM endpoint with its decrypted key. */
    boolean llmEndpoint() {
        return llmEndpoint;
    }
}
