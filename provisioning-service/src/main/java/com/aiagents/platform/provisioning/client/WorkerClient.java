package com.aiagents.platform.provisioning.client;

import com.aiagents.platform.api.TenantId;
import okhttp3.Interceptor;

/**
 * enhancement-worker's {@code POST /v1/tenants/{id}/ticket-history/import} (docs/api/internal.md):
 * starts (or resumes) the background import of the tenant's resolved SDP requests.
 */
public final class WorkerClient extends JsonServiceClient {
    static final String SERVICE = "enhancement-worker";

    /** @param tracing the service's {@code PlatformTracing.clientInterceptor()} */
    public WorkerClient(ServicesConfig config, Interceptor tracing) {
        super(SERVICE, config.getEnhancementWorker(), config.serviceToken(), tracing);
    }

    /** Starts the backfill; the worker answers 202 at once and imports in the background. */
    public void startTicketHistoryImport(TenantId tenantId, String actingFor) {
        Reply reply = call("POST", url -> url.addPathSegments("v1/tenants").addPathSegment(tenantId.value())
                .addPathSegments("ticket-history/import"), null, actingFor);
        if (reply.status() != 202 && reply.status() != 200) {
            throw failure(reply, "start the ticket-history import");
        }
    }
}
