package com.aiagents.platform.worker.queue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** The {@code queue:} section: concurrency, fairness, retries, liveness. */
public class QueueSettings {
    /** Premium tenants may have twice a basic tenant's jobs in flight while others wait. */
    public static final int DEFAULT_PREMIUM_WEIGHT = 2;
    /** Jobs this worker process runs at once. */
    @Min(1) @Max(256) private int concurrency = 8;
    /**
     * Jobs of one basic tenant in flight at once, across all workers, while another tenant has work
     * waiting (work-conserving: a tenant alone may use every free slot).
     */
    @Min(1) private int maxInFlightPerTenant = 4;
    /** A premium tenant's in-flight cap is maxInFlightPerTenant times this. */
    @Min(1) private int premiumInFlightWeight = DEFAULT_PREMIUM_WEIGHT;
    /** Most jobs one dispatch moves from ingress into tenant lists. */
    @Min(1) private int dispatchBatch = 500;
    /** Attempts per job including the first; then the dead list. Crashes and overrun deadlines count. */
    @Min(1) private int maxAttempts = 5;
    /** Deaths of a worker holding a job after which the job is dead-lettered as {@code worker_crashed}. */
    @Min(1) private int maxReaps = 3;
    /**
     * How long one claim may hold a job. Then the job is given back (its attempt counted) and its
     * tenant's in-flight slot freed even if its handler is stuck; the heartbeat is not renewed
     * past it. Well above a normal job (SDP calls, context, synthesis, the note).
     */
    @NotNull @MinDuration(value = 1, unit = TimeUnit.SECONDS) private Duration jobDeadline = Duration.minutes(5);
    @NotNull private Duration retryBaseDelay = Duration.seconds(2);
    @NotNull private Duration retryMaxDelay = Duration.minutes(2);
    @DecimalMin("0") @DecimalMax("1") private double retryJitter = 0.5;
    /** Heartbeat key TTL: a worker silent this long has its jobs returned. */
    @NotNull @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS) private Duration heartbeatTtl = Duration.seconds(5);
    @NotNull @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS) private Duration heartbeatInterval = Duration.seconds(1);
    @NotNull @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS) private Duration reaperInterval = Duration.seconds(1);
    @NotNull @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS) private Duration promoteInterval = Duration.milliseconds(250);
    @NotNull @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS) private Duration reconcileInterval = Duration.seconds(10);
    /** Longest pause of an idle claimer before it looks again (it is also woken on new work). */
    @NotNull @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS) private Duration idlePoll = Duration.milliseconds(100);
    /** How long BLMOVE waits on an empty ingress list. */
    @NotNull @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS) private Duration dispatchWait = Duration.seconds(1);
    /** On shutdown, how long running jobs may finish before they are given back. */
    @NotNull private Duration shutdownGrace = Duration.seconds(20);
    /** Refresh of the redis_queue_depth gauges. */
    @NotNull @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS) private Duration depthRefreshInterval = Duration.seconds(5);

    /** A TTL of a single interval or less lets one late beat get a live worker's jobs reaped. */
    @JsonIgnore
    @ValidationMethod(message = "heartbeatTtl must be at least twice heartbeatInterval")
    public boolean isHeartbeatTtlAtLeastTwoIntervals() {
        return heartbeatTtl == null || heartbeatInterval == null
                || heartbeatTtl.toMilliseconds() >= 2 * heartbeatInterval.toMilliseconds();
    }

    @JsonIgnore
    @ValidationMethod(message = "retryMaxDelay must not be shorter than retryBaseDelay")
    public boolean isRetryMaxDelayAtLeastBase() {
        return retryBaseDelay == null || retryMaxDelay == null
                || retryMaxDelay.toMilliseconds() >= retryBaseDelay.toMilliseconds();
    }

    @JsonProperty public int getConcurrency() { return concurrency; }
    @JsonProperty public void setConcurrency(int v) { concurrency = v; }
    @JsonProperty public int getPremiumInFlightWeight() { return premiumInFlightWeight; }
    @JsonProperty public void setPremiumInFlightWeight(int v) { premiumInFlightWeight = v; }
    @JsonProperty public int getMaxInFlightPerTenant() { return maxInFlightPerTenant; }
    @JsonProperty public void setMaxInFlightPerTenant(int v) { maxInFlightPerTenant = v; }
    @JsonProperty public int getDispatchBatch() { return dispatchBatch; }
    @JsonProperty public void setDispatchBatch(int v) { dispatchBatch = v; }
    @JsonProperty public int getMaxAttempts() { return maxAttempts; }
    @JsonProperty public void setMaxAttempts(int v) { maxAttempts = v; }
    @JsonProperty public int getMaxReaps() { return maxReaps; }
    @JsonProperty public void setMaxReaps(int v) { maxReaps = v; }
    @JsonProperty public Duration getJobDeadline() { return jobDeadline; }
    @JsonProperty public void setJobDeadline(Duration v) { jobDeadline = v; }
    @JsonProperty public Duration getRetryBaseDelay() { return retryBaseDelay; }
    @JsonProperty public void setRetryBaseDelay(Duration v) { retryBaseDelay = v; }
    @JsonProperty public Duration getRetryMaxDelay() { return retryMaxDelay; }
    @JsonProperty public void setRetryMaxDelay(Duration v) { retryMaxDelay = v; }
    @JsonProperty public double getRetryJitter() { return retryJitter; }
    @JsonProperty public void setRetryJitter(double v) { retryJitter = v; }
    @JsonProperty public Duration getHeartbeatTtl() { return heartbeatTtl; }
    @JsonProperty public void setHeartbeatTtl(Duration v) { heartbeatTtl = v; }
    @JsonProperty public Duration getHeartbeatInterval() { return heartbeatInterval; }
    @JsonProperty public void setHeartbeatInterval(Duration v) { heartbeatInterval = v; }
    @JsonProperty public Duration getReaperInterval() { return reaperInterval; }
    @JsonProperty public void setReaperInterval(Duration v) { reaperInterval = v; }
    @JsonProperty public Duration getPromoteInterval() { return promoteInterval; }
    @JsonProperty public void setPromoteInterval(Duration v) { promoteInterval = v; }
    @JsonProperty public Duration getReconcileInterval() { return reconcileInterval; }
    @JsonProperty public void setReconcileInterval(Duration v) { reconcileInterval = v; }
    @JsonProperty public Duration getIdlePoll() { return idlePoll; }
    @JsonProperty public void setIdlePoll(Duration v) { idlePoll = v; }
    @JsonProperty public Duration getDispatchWait() { return dispatchWait; }
    @JsonProperty public void setDispatchWait(Duration v) { dispatchWait = v; }
    @JsonProperty public Duration getShutdownGrace() { return shutdownGrace; }
    @JsonProperty public void setShutdownGrace(Duration v) { shutdownGrace = v; }
    @JsonProperty public Duration getDepthRefreshInterval() { return depthRefreshInterval; }
    @JsonProperty public void setDepthRefreshInterval(Duration v) { depthRefreshInterval = v; }
}
