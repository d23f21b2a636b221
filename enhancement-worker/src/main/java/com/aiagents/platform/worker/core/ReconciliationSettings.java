package com.aiagents.platform.worker.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code reconciliation:} in config.yml (docs/reconciliation.md, docs/configuration.md). */
public class ReconciliationSettings {
    /** Off: no pass runs, and the webhook-silence metrics are not exported. */
    @JsonProperty private boolean enabled = true;
    /** Time between two passes over every active tenant. */
    @NotNull @JsonProperty private Duration interval = Duration.minutes(5);
    /**
     * A request is looked at once it has been quiet this long: its webhook, if SDP sent one, has
     * been queued and usually enhanced by then. Also absorbs a clock skew between SDP and us.
     */
    @NotNull @JsonProperty private Duration settleDelay = Duration.minutes(2);
    /** SDP list calls one tenant's pass may make (pages of {@link #pageSize}); the rest waits for the next pass. */
    @Min(1) @JsonProperty private int maxSdpCallsPerPass = 10;
    @Min(1) @Max(100) @JsonProperty private int pageSize = 100;
    /** SDP shows a ticket created this long ago and no webhook has arrived since: {@code webhook_silent} is 1. */
    @NotNull @JsonProperty private Duration webhookSilenceAfter = Duration.minutes(15);
    /** The same event found again by reconciliation within this window is not queued twice. */
    @NotNull @JsonProperty private Duration dedupWindow = Duration.minutes(30);

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean v) { enabled = v; }
    public Duration getInterval() { return interval; }
    public void setInterval(Duration v) { interval = v; }
    public Duration getSettleDelay() { return settleDelay; }
    public void setSettleDelay(Duration v) { settleDelay = v; }
    public int getMaxSdpCallsPerPass() { return maxSdpCallsPerPass; }
    public void setMaxSdpCallsPerPass(int v) { maxSdpCallsPerPass = v; }
    public int getPageSize() { return pageSize; }
    public void setPageSize(int v) { pageSize = v; }
    public Duration getWebhookSilenceAfter() { return webhookSilenceAfter; }
    public void setWebhookSilenceAfter(Duration v) { webhookSilenceAfter = v; }
    public Duration getDedupWindow() { return dedupWindow; }
    public void setDedupWindow(Duration v) { dedupWindow = v; }
}
