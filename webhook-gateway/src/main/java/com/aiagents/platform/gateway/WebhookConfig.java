package com.aiagents.platform.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The {@code webhook:} section: limits and routing of the intake pipeline. */
public class WebhookConfig {
    /** docs/api/webhook-gateway.md: bodies over 1 MiB are refused with 413. */
    @Min(1)
    @Max(16 * 1024 * 1024)
    private int maxBodyBytes = 1024 * 1024;
    /** How long an identical creation delivery (same tenant, same body) is answered with the first job id. */
    @NotNull
    private Duration dedupWindow = Duration.minutes(10);
    /**
     * The same for update deliveries: short, since SDP's update webhook may carry only the ticket id,
     * so identical bodies can be different updates; the worker tells them apart by the ticket's content.
     */
    @NotNull
    private Duration updateDedupWindow = Duration.seconds(30);
    /** Send premium tenants' jobs straight to {@code {enhancement_queue}:<tenant_id>}. */
    private boolean premiumTenantQueues = false;
    /**
     * The window a tenant's {@code requests_per_minute} is counted over. One minute in production;
     * a test shortens it so a storm drains in seconds (the limit then applies per this window).
     */
    @NotNull
    private Duration rateWindow = Duration.minutes(1);
    /**
     * Over its rate a tenant's jobs are deferred, not refused; its deferred lane holds at most this
     * much of its rate (60 minutes: 60 x requests_per_minute jobs) before a webhook is refused with 429.
     * Zero refuses at once, as before deferral existed.
     */
    @NotNull
    private Duration deferredCeiling = Duration.minutes(60);
    /** How often each replica runs the release step of deferred jobs (one replica releases per interval). */
    @NotNull
    private Duration deferredReleaseInterval = Duration.seconds(1);
    /** Bound on one release step (jobs), so a Lua step never holds Redis long. */
    @Min(1)
    private int deferredReleaseBatch = 500;
    /** Retry-After of a 503 (Redis or tenant registry unreachable). */
    @NotNull
    private Duration unavailableRetryAfter = Duration.seconds(5);

    @JsonProperty public int getMaxBodyBytes() { return maxBodyBytes; }
    @JsonProperty public void setMaxBodyBytes(int maxBodyBytes) { this.maxBodyBytes = maxBodyBytes; }
    @JsonProperty public Duration getDedupWindow() { return dedupWindow; }
    @JsonProperty public void setDedupWindow(Duration dedupWindow) { this.dedupWindow = dedupWindow; }
    @JsonProperty public Duration getUpdateDedupWindow() { return updateDedupWindow; }
    @JsonProperty public void setUpdateDedupWindow(Duration updateDedupWindow) { this.updateDedupWindow = updateDedupWindow; }
    @JsonProperty public boolean isPremiumTenantQueues() { return premiumTenantQueues; }
    @JsonProperty public void setPremiumTenantQueues(boolean premiumTenantQueues) { this.premiumTenantQueues = premiumTenantQueues; }
    @JsonProperty public Duration getRateWindow() { return rateWindow; }
    @JsonProperty public void setRateWindow(Duration rateWindow) { this.rateWindow = rateWindow; }
    @JsonProperty public Duration getDeferredCeiling() { return deferredCeiling; }
    @JsonProperty public void setDeferredCeiling(Duration deferredCeiling) { this.deferredCeiling = deferredCeiling; }
    @JsonProperty public Duration getDeferredReleaseInterval() { return deferredReleaseInterval; }
    @JsonProperty public void setDeferredReleaseInterval(Duration deferredReleaseInterval) { this.deferredReleaseInterval = deferredReleaseInterval; }
    @JsonProperty public int getDeferredReleaseBatch() { return deferredReleaseBatch; }
    @JsonProperty public void setDeferredReleaseBatch(int deferredReleaseBatch) { this.deferredReleaseBatch = deferredReleaseBatch; }
    @JsonProperty public Duration getUnavailableRetryAfter() { return unavailableRetryAfter; }
    @JsonProperty public void setUnavailableRetryAfter(Duration unavailableRetryAfter) { this.unavailableRetryAfter = unavailableRetryAfter; }
}
