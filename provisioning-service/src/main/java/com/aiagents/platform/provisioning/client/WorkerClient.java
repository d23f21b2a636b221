package com.aiagents.platform.provisioning.client;

import com.aiagents.platform.api.TenantId;
import okhttp3.Interceptor;

/**
 * enhancement-worker's {@code POST /v1/tenants/{id}/ticket-history/import} (docs/api/internal.md):
 * starts (or resumes) the background import of the tenant's resolved SDP requests, and its progress;
 * and the Redis part of an offboarded tenant's erasure.
 */
public final class WorkerClient extends JsonServiceClient {
    static final String SERVICE = "enhancement-worker";

    /** @param tracing the service's {@code PlatformTracing.clientInterceptor()} */
    public WorkerClient(ServicesConfig config, Interceptor tracing) {
        super(SERVICE, config.getEnhancementWorker(), config.serviceToken(), config.getTlsCaFile(), tracing);
    }

    /** An import's progress as the worker reports it ({@code running}, {@code completed}, {@code failed}). */
    public record ImportProgress(String status, int imported, int skipped, String error) {
        public boolean completed() {
            return "completed".equals(status);
        }

        public boolean failed() {
            return "failed".equals(status);
        }
    }

    /** Starts (or resumes) the backfill; the worker answers 202 at once and imports in the background. */
    public ImportProgress startTicketHistoryImport(TenantId tenantId, String actingFor) {
        Reply reply = call("POST", importPath(tenantId), null, actingFor);
        if (reply.status() != 202 && reply.status() != 200) {
            throw failure(reply, "start the ticket-history import");
        }
        return progress(reply.body());
    }

    /** {@code GET} of the import's progress. */
    public ImportProgress ticketHistoryImport(TenantId tenantId) {
        Reply reply = call("GET", importPath(tenantId), null, null);
        if (reply.status() != 200) {
            throw failure(reply, "read the ticket-history import's progress");
        }
        return progress(reply.body());
    }

    /**
     * Whether the tenant's own SDP has reached the gateway since activation, as the worker's
     * reconciliation saw it ({@code GET /v1/tenants/{id}/reconciliation}): {@code confirmed},
     * {@code missing} or {@code waiting} (also before its first pass).
     */
    public record WebhookDelivery(String status, String firstWebhookAt, String firstReconciledTicketAt) {
    }

    public WebhookDelivery webhookDelivery(TenantId tenantId) {
        Reply reply = call("GET", url -> url.addPathSegments("v1/tenants").addPathSegment(tenantId.value())
                .addPathSegment("reconciliation"), null, null);
        if (reply.status() == 404) {
            return new WebhookDelivery("waiting", null, null);
        }
        if (reply.status() != 200 || reply.body() == null) {
            throw failure(reply, "read the tenant's reconciliation");
        }
        return new WebhookDelivery(reply.body().path("webhook_delivery").asText("waiting"),
                reply.body().path("first_webhook_at").asText(null),
                reply.body().path("first_reconciled_ticket_at").asText(null));
    }

    /** {@code POST /internal/v1/tenants/{id}/redis-erasure}: removes an offboarding tenant's Redis keys and entries. */
    public void eraseRedis(TenantId tenantId) {
        Reply reply = call("POST", url -> url.addPathSegments("internal/v1/tenants").addPathSegment(tenantId.value())
                .addPathSegments("redis-erasure"), null, null);
        if (reply.status() != 200) {
            throw failure(reply, "erase the tenant's Redis state");
        }
    }

    private static java.util.function.Consumer<okhttp3.HttpUrl.Builder> importPath(TenantId tenantId) {
        return url -> url.addPathSegments("v1/tenants").addPathSegment(tenantId.value())
                .addPathSegments("ticket-history/import");
    }

    private static ImportProgress progress(com.fasterxml.jackson.databind.JsonNode body) {
        if (body == null) {
            return new ImportProgress("running", 0, 0, null);
        }
        return new ImportProgress(body.path("status").asText("running"), body.path("imported").asInt(),
                body.path("skipped").asInt(), body.path("error").asText(null));
    }
}
