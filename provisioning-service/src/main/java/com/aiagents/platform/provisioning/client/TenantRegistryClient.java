package com.aiagents.platform.provisioning.client;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.api.Tier;
import com.aiagents.platform.common.client.TenantDirectoryUnavailableException;
import com.aiagents.platform.common.client.TenantServiceClient;
import com.aiagents.platform.common.client.TenantServiceClientConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;

/**
 * tenant-service as the saga uses it (docs/api/internal.md): the operator endpoints
 * {@code /v1/tenants...} with the service token and {@code X-Acting-For: <operator>}, and the
 * internal runtime config (decrypted credentials, for the Kubernetes secret).
 */
public final class TenantRegistryClient extends JsonServiceClient {
    static final String SERVICE = "tenant-service";

    private final TenantServiceClient runtime;

    /** @param tracing the service's {@code PlatformTracing.clientInterceptor()}, for both clients */
    public TenantRegistryClient(ServicesConfig config, Interceptor tracing) {
        super(SERVICE, config.getTenantService(), config.serviceToken(), config.getTlsCaFile(), tracing);
        ServiceEndpoint endpoint = config.getTenantService();
        TenantServiceClientConfig runtimeConfig = new TenantServiceClientConfig();
        runtimeConfig.setUrl(endpoint.getUrl());
        runtimeConfig.setServiceToken(config.serviceToken());
        runtimeConfig.setTlsCaFile(config.getTlsCaFile());
        runtimeConfig.setConnectTimeout(endpoint.getConnectTimeout());
        runtimeConfig.setReadTimeout(endpoint.getCallTimeout());
        runtimeConfig.setCallTimeout(endpoint.getCallTimeout());
        this.runtime = new TenantServiceClient(runtimeConfig, tracing);
    }

    /** The tenant as operators see it; only what the saga reads ({@code onboardingId}: the onboarding that created it). */
    public record TenantRecord(TenantId tenantId, Tier tier, TenantStatus status, Instant createdAt, String onboardingId) {
    }

    /** tenant-service's create is idempotent on this header's onboarding id. */
    static final String ONBOARDING_ID = "X-Onboarding-Id";
    static final String ACTING_FOR_ROLE = "X-Acting-For-Role";

    /** What SDP's webhook settings need. Holds the secret: {@link #toString()} never prints it. */
    public record Webhook(String url, String mode, String secret, String signatureHeader) {
        @Override
        public String toString() {
            return "Webhook[url=" + url + ", mode=" + mode + ", secret redacted]";
        }
    }

    /** A created tenant and its one-time webhook instructions. */
    public record Created(TenantRecord tenant, Webhook webhook) {
    }

    /**
     * {@code POST /v1/tenants} for {@code onboardingId}: idempotent on it, so repeating a create
     * whose answer was lost returns the same tenant (200) with a new webhook secret. 400 (field
     * errors) and 409 ({@code tenant_exists}: a tenant not created by this onboarding) come back as
     * {@link ServiceCallException} with the peer's status, so the caller can relay them.
     */
    public Created create(JsonNode body, String actingFor, java.util.UUID onboardingId) {
        return create(body, actingFor, null, onboardingId);
    }

    /** @param actingForRole the operator's role ({@code X-Acting-For-Role}): admin-only fields need {@code admin} */
    public Created create(JsonNode body, String actingFor, String actingForRole, java.util.UUID onboardingId) {
        java.util.Map<String, String> headers = new java.util.HashMap<>(java.util.Map.of(ONBOARDING_ID, onboardingId.toString()));
        if (actingForRole != null) {
            headers.put(ACTING_FOR_ROLE, actingForRole);
        }
        Reply reply = call("POST", url -> url.addPathSegments("v1/tenants"), body, actingFor, headers);
        if (reply.status() != 201 && reply.status() != 200) {
            throw failure(reply, "create the tenant");
        }
        return new Created(record(reply.body()), webhook(reply.body().path("webhook")));
    }

    /** {@code GET /v1/tenants/{id}}; empty on 404. */
    public Optional<TenantRecord> get(TenantId tenantId) {
        Reply reply = call("GET", tenantPath(tenantId), null, null);
        if (reply.status() == 404) {
            return Optional.empty();
        }
        if (reply.status() != 200) {
            throw failure(reply, "read the tenant");
        }
        return Optional.of(record(reply.body()));
    }

    /** {@code POST /v1/tenants/{id}/status}. */
    public TenantRecord changeStatus(TenantId tenantId, TenantStatus status, String actingFor) {
        JsonNode body = JsonNodeFactory.instance.objectNode().put("status", status.wireName());
        Reply reply = call("POST", tenantPath(tenantId).andThen(url -> url.addPathSegment("status")), body, actingFor);
        if (reply.status() != 200) {
            throw failure(reply, "set the tenant's status to " + status.wireName());
        }
        return record(reply.body());
    }

    /**
     * {@code DELETE /v1/tenants/{id}?purge=true}: erases a tenant that never went live.
     *
     * @return false when it was already gone (404)
     * @throws ServiceCallException 409 {@code tenant_went_live} when it must be offboarded instead
     */
    public boolean purge(TenantId tenantId, String actingFor) {
        return delete(tenantId, true, actingFor);
    }

    /** {@code DELETE /v1/tenants/{id}}: offboards; false when it was unknown (404). */
    public boolean offboard(TenantId tenantId, String actingFor) {
        return delete(tenantId, false, actingFor);
    }

    /** {@code GET /internal/v1/erasures/due}: tenants whose offboarding grace period is over. */
    public List<TenantId> dueForErasure(int limit) {
        Reply reply = call("GET", url -> url.addPathSegments("internal/v1/erasures/due")
                .addQueryParameter("limit", Integer.toString(limit)), null, null);
        if (reply.status() != 200) {
            throw failure(reply, "list the tenants due for erasure");
        }
        List<TenantId> due = new java.util.ArrayList<>();
        reply.body().path("tenant_ids").forEach(id -> due.add(TenantId.of(id.asText())));
        return due;
    }

    /** {@code POST /internal/v1/erasures/{id}}: erases the rows of a tenant past its grace period (repeatable). */
    public void erase(TenantId tenantId) {
        Reply reply = call("POST", url -> url.addPathSegments("internal/v1/erasures").addPathSegment(tenantId.value()),
                null, null);
        if (reply.status() != 200) {
            throw failure(reply, "erase the tenant's rows");
        }
    }

    /** {@code POST /v1/tenants/{id}/webhook-secret/rotate}: a new secret, shown once. */
    public Webhook rotateWebhookSecret(TenantId tenantId, String actingFor) {
        Reply reply = call("POST", tenantPath(tenantId).andThen(url -> url.addPathSegments("webhook-secret/rotate")),
                null, actingFor);
        if (reply.status() != 200) {
            throw failure(reply, "rotate the webhook secret");
        }
        return webhook(reply.body().path("webhook"));
    }

    /** A welcome mail's delivery as tenant-service reports it (docs/api/tenant-service.md#welcome-e-mail). */
    public record WelcomeEmail(String delivery, String recipient, String error, String link) {
    }

    /**
     * {@code POST /v1/tenants/{id}/welcome-email?first=true}: the welcome mail, unless the tenant
     * already has one (a repeated activation sends one mail). tenant-service answers at once (202)
     * and sends in the background.
     */
    public WelcomeEmail sendFirstWelcomeEmail(TenantId tenantId, String actingFor) {
        Reply reply = call("POST", tenantPath(tenantId).andThen(url -> url.addPathSegment("welcome-email")
                .addQueryParameter("first", "true")), null, actingFor);
        if (reply.status() != 202) {
            throw failure(reply, "send the welcome mail");
        }
        return welcomeEmail(reply.body());
    }

    /** {@code GET /v1/tenants/{id}/welcome-email}; empty when none was issued (404). */
    public Optional<WelcomeEmail> welcomeEmail(TenantId tenantId) {
        Reply reply = call("GET", tenantPath(tenantId).andThen(url -> url.addPathSegment("welcome-email")), null, null);
        if (reply.status() == 404) {
            return Optional.empty();
        }
        if (reply.status() != 200) {
            throw failure(reply, "read the welcome mail's state");
        }
        return Optional.of(welcomeEmail(reply.body()));
    }

    private static WelcomeEmail welcomeEmail(JsonNode body) {
        return new WelcomeEmail(body.path("delivery").asText(null), body.path("recipient").asText(null),
                body.path("error").asText(null), body.path("link").asText(null));
    }

    /**
     * {@code GET /internal/v1/tenants/{id}/runtime-config} through common-core's client (the one the
     * gateway and gates-runner use); empty for unknown or offboarded tenants.
     */
    public Optional<TenantRuntimeConfig> runtimeConfig(TenantId tenantId) {
        try {
            return runtime.fetch(tenantId);
        } catch (TenantDirectoryUnavailableException e) {
            throw new ServiceCallException(SERVICE, 0, "tenant_service_unavailable", e.getMessage(), null, false);
        }
    }

    @Override
    public void close() {
        super.close();
        runtime.close();
    }

    private boolean delete(TenantId tenantId, boolean purge, String actingFor) {
        Reply reply = call("DELETE", tenantPath(tenantId).andThen(url -> {
            if (purge) {
                url.addQueryParameter("purge", "true");
            }
        }), null, actingFor);
        if (reply.status() == 404) {
            return false;
        }
        if (reply.status() != 200) {
            throw failure(reply, purge ? "purge the tenant" : "offboard the tenant");
        }
        return true;
    }

    private static Consumer<HttpUrl.Builder> tenantPath(TenantId tenantId) {
        return url -> url.addPathSegments("v1/tenants").addPathSegment(tenantId.value());
    }

    private static TenantRecord record(JsonNode body) {
        String created = body.path("created_at").asText(null);
        return new TenantRecord(TenantId.of(body.path("tenant_id").asText()),
                Tier.fromWire(body.path("tier").asText()),
                TenantStatus.fromWire(body.path("status").asText()),
                created == null ? null : Instant.parse(created), body.path("onboarding_id").asText(null));
    }

    private static Webhook webhook(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        return new Webhook(node.path("url").asText(null), node.path("mode").asText(null),
                node.path("secret").asText(null), node.path("signature_header").asText(null));
    }
}
