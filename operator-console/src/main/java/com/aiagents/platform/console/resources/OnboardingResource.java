package com.aiagents.platform.console.resources;

import com.aiagents.platform.console.core.Api.Reply;
import com.aiagents.platform.console.core.Api.Service;
import com.aiagents.platform.console.core.OnboardingForm;
import com.aiagents.platform.console.core.Session;
import com.aiagents.platform.console.web.AsPerson;
import com.aiagents.platform.console.web.Ids;
import com.aiagents.platform.console.web.PageException;
import com.aiagents.platform.console.web.Pages;
import com.aiagents.platform.console.web.Web;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Onboarding a tenant through provisioning-service ({@code POST /v1/onboardings}): a form whose
 * refusals show the API's messages next to their fields; then the onboarding's page, whose steps
 * update live (htmx polls a fragment every second until the onboarding is finished). The webhook
 * secret is shown on the answer to the form only: it is not kept in the session, and the
 * onboarding's page never has it (provisioning-service does not store it either).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public final class OnboardingResource {
    /** Statuses in which nothing moves any more by itself: the page stops polling. */
    private static final Set<String> SETTLED = Set.of("succeeded", "failed", "rolled_back", "rollback_failed");

    private final AsPerson calls;
    private final Pages pages;

    public OnboardingResource(AsPerson calls, Pages pages) {
        this.calls = calls;
        this.pages = pages;
    }

    @GET
    @Path("onboard")
    public Response form(@Context ContainerRequestContext request, @QueryParam("resume") String resume) {
        Session session = Web.staff(request);
        Web.allowed(session.person(), session.person().staffChanges());
        OnboardingForm form = OnboardingForm.blank();
        if (resume != null) {
            JsonNode onboarding = onboarding(session, Ids.opaque(resume));
            form = OnboardingForm.resuming(onboarding, tenantRecord(session, onboarding.path("tenant_id").asText()));
        }
        return formPage(200, session, form, List.of(), resume != null);
    }

    @POST
    @Path("onboard")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@Context ContainerRequestContext request, MultivaluedMap<String, String> fields) {
        Session session = Web.staff(request);
        Web.allowed(session.person(), session.person().staffChanges());
        OnboardingForm form = OnboardingForm.submitted(fields);
        Reply reply = calls.post(session, Service.PROVISIONING_SERVICE, "/v1/onboardings", form.body(),
                Map.of("Prefer", "respond-async"));
        if (reply.status() == 400 || reply.status() == 409 || reply.status() == 403) {
            List<String> general = form.refused(reply.json());
            return formPage(reply.status(), session, form, general, form.resuming());
        }
        TenantResource.failUnlessOk(reply, "provisioning-service");
        Map<String, Object> model = onboardingModel(reply.json(), session);
        JsonNode webhook = reply.json().path("webhook");
        if (webhook.hasNonNull("secret")) {
            // this answer only: the secret is neither stored nor shown again
            model.put("webhook", Map.of("url", webhook.path("url").asText(), "secret", webhook.path("secret").asText(),
                    "header", webhook.path("signature_header").asText(), "hmac", "hmac".equals(webhook.path("mode").asText())));
            model.put("edition", SdpSteps.of(form.edition()));
        }
        return pages.page(reply.status() == 200 ? 200 : 201, "onboarding",
                "Onboarding " + reply.json().path("tenant_id").asText(), session, model);
    }

    @GET
    @Path("onboardings/{id}")
    public Response onboardingPage(@Context ContainerRequestContext request, @PathParam("id") String id) {
        Session session = Web.staff(request);
        JsonNode onboarding = onboarding(session, Ids.opaque(id));
        return pages.page("onboarding", "Onboarding " + onboarding.path("tenant_id").asText(), session,
                onboardingModel(onboarding, session));
    }

    /** The steps alone, for the page's live polling (htmx swaps it in place of the old one). */
    @GET
    @Path("onboardings/{id}/steps")
    public Response steps(@Context ContainerRequestContext request, @PathParam("id") String id) {
        Session session = Web.staff(request);
        Map<String, Object> model = onboardingModel(onboarding(session, Ids.opaque(id)), session);
        model.put("csrf", session.csrfToken());
        return Response.ok(pages.render("onboarding-steps", model), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("onboardings/{id}/rollback")
    public Response rollback(@Context ContainerRequestContext request, @PathParam("id") String id) {
        Session session = Web.staff(request);
        Web.allowed(session.person(), session.person().staffChanges());
        String onboardingId = Ids.opaque(id);
        Reply reply = calls.delete(session, Service.PROVISIONING_SERVICE, "/v1/onboardings/" + onboardingId);
        if (reply.status() == 404) {
            throw PageException.notFound();
        }
        if (reply.status() == 409 || reply.status() == 502) {
            throw new PageException(reply.status(), "Not rolled back", reply.json().path("message").asText(
                    "The onboarding cannot be rolled back now."));
        }
        TenantResource.failUnlessOk(reply, "provisioning-service");
        return Response.seeOther(java.net.URI.create("/onboardings/" + onboardingId)).build();
    }

    private Response formPage(int status, Session session, OnboardingForm form, List<String> general, boolean resuming) {
        Map<String, Object> model = new HashMap<>(form.model());
        model.put("resuming", resuming);
        if (!general.isEmpty()) {
            model.put("problems", general);
            model.put("hasProblems", true);
        }
        return pages.page(status, "onboard", resuming ? "Resume an onboarding" : "Onboard a tenant", session, model);
    }

    private JsonNode onboarding(Session session, String id) {
        Reply reply = calls.get(session, Service.PROVISIONING_SERVICE, "/v1/onboardings/" + id);
        if (reply.status() == 404 || reply.status() == 400) {
            throw PageException.notFound();
        }
        TenantResource.failUnlessOk(reply, "provisioning-service");
        return reply.json();
    }

    private JsonNode tenantRecord(Session session, String tenant) {
        Reply reply = calls.lookup(session, Service.TENANT_SERVICE, "/v1/tenants/" + tenant);
        return reply.ok() ? reply.json() : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static Map<String, Object> onboardingModel(JsonNode onboarding, Session session) {
        Map<String, Object> model = new HashMap<>();
        String id = onboarding.path("onboarding_id").asText();
        String status = onboarding.path("status").asText();
        model.put("id", id);
        model.put("tenant", onboarding.path("tenant_id").asText());
        model.put("tier", onboarding.path("tier").asText());
        model.put("status", status);
        model.put("live", !SETTLED.contains(status));
        model.put("requestedBy", onboarding.path("requested_by").asText());
        model.put("succeeded", "succeeded".equals(status));
        boolean changes = session.person().staffChanges();
        model.put("mayResume", changes && "failed".equals(status));
        model.put("mayRollBack", changes && ("failed".equals(status) || "rollback_failed".equals(status)));
        List<Map<String, Object>> steps = new ArrayList<>();
        onboarding.path("steps").forEach(step -> {
            Map<String, Object> row = new HashMap<>();
            row.put("name", step.path("name").asText().replace('_', ' '));
            row.put("status", step.path("status").asText());
            row.put("detail", step.path("detail").asText(""));
            row.put("error", step.path("error").asText(""));
            row.put("attempts", step.path("attempts").asInt());
            row.put("duration", step.hasNonNull("duration_ms") ? step.path("duration_ms").asText() + " ms" : "—");
            steps.add(row);
        });
        model.put("steps", steps);
        JsonNode delivery = onboarding.path("webhook_delivery");
        if (delivery.isObject()) {
            model.put("delivery", Map.of("status", delivery.path("status").asText(), "detail", delivery.path("detail").asText("")));
        }
        return model;
    }

    /** The webhook set-up in the tenant's ServiceDesk Plus edition. */
    record SdpSteps(String edition, String where) {
        static SdpSteps of(String edition) {
            return switch (edition) {
                case "cloud" -> new SdpSteps("ServiceDesk Plus Cloud", "Setup > Automation > Webhooks");
                case "msp" -> new SdpSteps("ServiceDesk Plus MSP", "Admin > Integrations > Webhooks");
                default -> new SdpSteps("ServiceDesk Plus (on-premises)", "Admin > Automation > Webhooks");
            };
        }
    }
}
