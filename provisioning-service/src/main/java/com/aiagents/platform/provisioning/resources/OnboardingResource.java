package com.aiagents.platform.provisioning.resources;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.audit.AuditEntry;
import com.aiagents.platform.common.audit.AuditTrail;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.provisioning.api.OnboardingView;
import com.aiagents.platform.provisioning.client.ServiceCallException;
import com.aiagents.platform.provisioning.client.TenantRegistryClient;
import com.aiagents.platform.provisioning.client.WorkerClient;
import com.aiagents.platform.provisioning.core.Onboarding;
import com.aiagents.platform.provisioning.core.OnboardingStatus;
import com.aiagents.platform.provisioning.core.OnboardingRequest;
import com.aiagents.platform.provisioning.core.OnboardingStatus;
import com.aiagents.platform.provisioning.core.Onboardings;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operators' onboarding API (docs/api/provisioning-service.md; docs/api/provisioning-service.md). Thin:
 * the saga lives in {@link Onboardings}. A start and a rollback are recorded in the audit log before
 * they run (refused, 503, when they cannot be); each step's outcome is recorded by the saga.
 */
@Path("/v1/onboardings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OnboardingResource {
    private static final Pattern PREFER_WAIT = Pattern.compile("(?i)(?:^|[,;\\s])wait\\s*=\\s*(\\d{1,6})");
    private static final Pattern PREFER_ASYNC = Pattern.compile("(?i)(?:^|[,;\\s])respond-async(?:$|[,;\\s])");

    private final Onboardings onboardings;
    private final AuditTrail audit;
    private final WorkerClient worker;
    private final TenantRegistryClient registry;

    public OnboardingResource(Onboardings onboardings, AuditTrail audit, WorkerClient worker,
                              TenantRegistryClient registry) {
        this.onboardings = onboardings;
        this.audit = audit;
        this.worker = worker;
        this.registry = registry;
    }

    /**
     * Starts (or, with a known {@code idempotency_key}, resumes) an onboarding and waits for it up
     * to the configured bound: 201 finished, 202 still running (poll the Location). A client may
     * wait less: {@code Prefer: wait=5} or {@code Prefer: respond-async}.
     */
    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Response start(@Auth PlatformPrincipal principal, @HeaderParam("Prefer") String prefer, JsonNode body) {
        OnboardingRequest request = OnboardingRequest.parse(body, principal.role());
        audit.record(AuditEntry.of("provisioning.onboarding_requested", request.tenantId().orElse(null))
                .requestedBy(principal, null).with("tier", request.tier().wireName())
                .with("servicedesk_private_networks", request.privateNetworks().orElse(null)));
        Onboardings.Submitted submitted = onboardings.submit(principal.name(), request, wait(prefer));
        OnboardingView view = OnboardingView.of(submitted.onboarding(), submitted.webhook());
        return Response.status(submitted.status())
                .location(URI.create("/v1/onboardings/" + submitted.onboarding().id()))
                .entity(submitted.onboarding().status() == OnboardingStatus.SUCCEEDED
                        ? view.withWelcomeEmail(welcomeEmail(submitted.onboarding())) : view)
                .build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Map<String, Object> list(@QueryParam("status") String status, @QueryParam("tenant_id") String tenantId,
                                    @QueryParam("limit") @DefaultValue("50") int limit,
                                    @QueryParam("offset") @DefaultValue("0") int offset) {
        if (limit < 1 || limit > 500 || offset < 0) {
            throw ApiException.badRequest("invalid_request", "limit must be 1..500 and offset at least 0");
        }
        OnboardingStatus filter = null;
        if (status != null) {
            try {
                filter = OnboardingStatus.fromWire(status);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_request",
                        "status must be one of running, succeeded, failed, rolling_back, rollback_failed, rolled_back");
            }
        }
        TenantId tenant = tenantId == null ? null : TenantIds.parse(tenantId);
        return Map.of("onboardings", onboardings.list(filter, tenant, limit, offset).stream()
                        .map(o -> OnboardingView.of(o, null)).toList(),
                "limit", limit, "offset", offset);
    }

    @GET
    @Path("/{onboarding_id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public OnboardingView get(@PathParam("onboarding_id") String id) {
        Onboarding onboarding = onboardings.get(parse(id)).orElseThrow(() -> notFound(id));
        OnboardingView view = OnboardingView.of(onboarding, null);
        return onboarding.status() == OnboardingStatus.SUCCEEDED
                ? view.withWebhookDelivery(webhookDelivery(onboarding)).withWelcomeEmail(welcomeEmail(onboarding)) : view;
    }

    /** tenant-service's answer; "unknown" when it cannot be asked, "none" when no mail was issued. */
    private OnboardingView.WelcomeEmailView welcomeEmail(Onboarding onboarding) {
        try {
            return registry.welcomeEmail(onboarding.tenantId())
                    .map(w -> new OnboardingView.WelcomeEmailView(w.delivery(), w.recipient(), w.error(), w.link()))
                    .orElse(new OnboardingView.WelcomeEmailView("none", null, null, null));
        } catch (ServiceCallException e) {
            return new OnboardingView.WelcomeEmailView("unknown", null, null, null);
        }
    }

    /** The worker's answer; "unknown" when it cannot be asked (the onboarding itself still shows). */
    private OnboardingView.WebhookDeliveryView webhookDelivery(Onboarding onboarding) {
        try {
            WorkerClient.WebhookDelivery d = worker.webhookDelivery(onboarding.tenantId());
            return OnboardingView.WebhookDeliveryView.of(d.status(), d.firstWebhookAt(), d.firstReconciledTicketAt());
        } catch (ServiceCallException e) {
            return OnboardingView.WebhookDeliveryView.of("unknown", null, null);
        }
    }

    /** Rolls back everything the onboarding created (offboards the tenant if it went live). */
    @DELETE
    @Path("/{onboarding_id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public OnboardingView rollback(@Auth PlatformPrincipal principal, @PathParam("onboarding_id") String id) {
        UUID onboardingId = parse(id);
        TenantId tenant = onboardings.get(onboardingId).orElseThrow(() -> notFound(id)).tenantId();
        audit.record(AuditEntry.of("provisioning.onboarding_rollback_requested", tenant).requestedBy(principal, null)
                .with("onboarding_id", onboardingId.toString()));
        return OnboardingView.of(onboardings.rollback(onboardingId, principal.name()), null);
    }

    private Duration wait(String prefer) {
        Duration max = onboardings.maxWait();
        if (prefer == null) {
            return max;
        }
        if (PREFER_ASYNC.matcher(prefer).find()) {
            return Duration.ZERO;
        }
        Matcher wait = PREFER_WAIT.matcher(prefer);
        if (wait.find()) {
            Duration asked = Duration.ofSeconds(Long.parseLong(wait.group(1)));
            return asked.compareTo(max) < 0 ? asked : max;
        }
        return max;
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("onboarding_not_found", "no onboarding with that id");
    }
}
