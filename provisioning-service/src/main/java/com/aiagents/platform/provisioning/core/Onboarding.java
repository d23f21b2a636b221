package com.aiagents.platform.provisioning.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.Tier;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One onboarding as stored: which tenant, where it stands, and its steps in order. Holds no secret:
 * the webhook secret is handed to the caller of the run that obtained it and never stored.
 * {@code fence}: the fencing token of its latest claim (a run writes only while it is current).
 */
public record Onboarding(UUID id, TenantId tenantId, Tier tier, String idempotencyKey, OnboardingStatus status,
                         String requestedBy, boolean tenantCreated, WebhookInfo webhook, Instant createdAt,
                         Instant updatedAt, Instant finishedAt, List<StepRecord> steps, long fence) {

    public Onboarding {
        steps = List.copyOf(steps);
    }

    /** The webhook's public part, kept so later answers can show where SDP must send (never the secret). */
    public record WebhookInfo(String url, String mode, String signatureHeader) {
    }

    public Optional<StepRecord> step(Step step) {
        return steps.stream().filter(s -> s.step() == step).findFirst();
    }

    public boolean succeeded(Step step) {
        return step(step).map(StepRecord::succeeded).orElse(false);
    }
}
