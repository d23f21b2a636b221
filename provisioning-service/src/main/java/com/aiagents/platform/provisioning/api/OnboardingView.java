package com.aiagents.platform.provisioning.api;

import com.aiagents.platform.provisioning.client.TenantRegistryClient.Webhook;
import com.aiagents.platform.provisioning.core.Onboarding;
import com.aiagents.platform.provisioning.core.OnboardingStatus;
import com.aiagents.platform.provisioning.core.StepRecord;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * An onboarding as operators see it (docs/api/provisioning-service.md). {@code webhook.secret} is present only
 * in the answer of the request that created the tenant; every later answer shows the webhook
 * without it.
 */
public record OnboardingView(
        @JsonProperty("onboarding_id") String onboardingId,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("tier") String tier,
        @JsonProperty("status") OnboardingStatus status,
        @JsonProperty("idempotency_key") String idempotencyKey,
        @JsonProperty("requested_by") String requestedBy,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("finished_at") Instant finishedAt,
        @JsonProperty("steps") List<StepView> steps,
        @JsonProperty("webhook") WebhookView webhook,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("webhook_delivery") WebhookDeliveryView webhookDelivery,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("welcome_email") WelcomeEmailView welcomeEmail) {

    /**
     * After activation: the welcome mail to the tenant's admin contact, as tenant-service reports it
     * ({@code delivery}: pending, sent, failed, disabled, none when none was issued, or unknown when
     * tenant-service could not be asked). Never the link.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WelcomeEmailView(
            @JsonProperty("delivery") String delivery,
            @JsonProperty("recipient") String recipient,
            @JsonProperty("error") String error,
            @JsonProperty("link") String link) {
    }

    public OnboardingView withWelcomeEmail(WelcomeEmailView welcome) {
        return new OnboardingView(onboardingId, tenantId, tier, status, idempotencyKey, requestedBy, createdAt,
                updatedAt, finishedAt, steps, webhook, webhookDelivery, welcome);
    }

    /**
     * After activation: has the tenant's own SDP reached the gateway? Gate 4 cannot tell from our
     * side, so this reports the first real webhook, or its absence once reconciliation has found a
     * ticket whose webhook never came (docs/reconciliation.md).
     */
    public record WebhookDeliveryView(
            @JsonProperty("status") String status,
            @JsonProperty("detail") String detail,
            @JsonProperty("first_webhook_at") String firstWebhookAt,
            @JsonProperty("first_reconciled_ticket_at") String firstReconciledTicketAt) {

        public static WebhookDeliveryView of(String status, String firstWebhookAt, String firstReconciledTicketAt) {
            String detail = switch (status) {
                case "confirmed" -> "the tenant's ServiceDesk Plus has delivered a webhook since activation";
                case "missing" -> "no webhook has arrived since activation, yet a new ticket was found by "
                        + "reconciliation: check the webhook's URL, secret and trigger in ServiceDesk Plus";
                case "waiting" -> "no ticket and no webhook since activation yet";
                default -> "the worker could not be asked; try again";
            };
            return new WebhookDeliveryView(status, detail, firstWebhookAt, firstReconciledTicketAt);
        }
    }

    public OnboardingView withWebhookDelivery(WebhookDeliveryView delivery) {
        return new OnboardingView(onboardingId, tenantId, tier, status, idempotencyKey, requestedBy, createdAt,
                updatedAt, finishedAt, steps, webhook, delivery, welcomeEmail);
    }

    public record StepView(
            @JsonProperty("name") String name,
            @JsonProperty("status") String status,
            @JsonProperty("started_at") Instant startedAt,
            @JsonProperty("duration_ms") Long durationMs,
            @JsonProperty("error") String error,
            @JsonProperty("attempts") int attempts,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("detail") String detail) {

        static StepView of(StepRecord step) {
            return new StepView(step.step().wireName(), step.status().wireName(), step.startedAt(), step.durationMs(),
                    step.error(), step.attempts(), step.detail());
        }
    }

    /** What to paste into SDP's webhook settings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WebhookView(
            @JsonProperty("url") String url,
            @JsonProperty("mode") String mode,
            @JsonProperty("secret") String secret,
            @JsonProperty("signature_header") String signatureHeader,
            @JsonProperty("secret_shown") boolean secretShown) {

        @Override
        public String toString() {
            return "WebhookView[url=" + url + ", mode=" + mode + ", secret redacted]";
        }
    }

    /** {@code oneTime}: the webhook with its secret, when this answer is the one that got it. */
    public static OnboardingView of(Onboarding onboarding, Webhook oneTime) {
        WebhookView webhook;
        if (oneTime != null && oneTime.secret() != null) {
            webhook = new WebhookView(oneTime.url(), oneTime.mode(), oneTime.secret(), oneTime.signatureHeader(), true);
        } else if (onboarding.webhook() != null) {
            Onboarding.WebhookInfo info = onboarding.webhook();
            webhook = new WebhookView(info.url(), info.mode(), null, info.signatureHeader(), false);
        } else {
            webhook = null;
        }
        return new OnboardingView(onboarding.id().toString(), onboarding.tenantId().value(),
                onboarding.tier().wireName(), onboarding.status(), onboarding.idempotencyKey(),
                onboarding.requestedBy(), onboarding.createdAt(), onboarding.updatedAt(), onboarding.finishedAt(),
                onboarding.steps().stream().map(StepView::of).toList(), webhook, null, null);
    }

    @Override
    public String toString() {
        return "OnboardingView[onboarding_id=" + onboardingId + ", tenant_id=" + tenantId + ", status=" + status + "]";
    }
}
