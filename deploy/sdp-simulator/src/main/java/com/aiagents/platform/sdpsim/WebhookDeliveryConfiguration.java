package com.aiagents.platform.sdpsim;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** How instances deliver their webhooks: bounded retries with doubling pauses. */
public class WebhookDeliveryConfiguration {

    @Min(1)
    @Max(10)
    @JsonProperty
    private int maxAttempts = 3;

    /** Pause before the second attempt; doubles for each later one. */
    @NotNull
    @JsonProperty
    private Duration firstRetryDelay = Duration.milliseconds(500);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration timeout = Duration.seconds(5);

    /** Attempts kept per instance for {@code GET /sim/instances/<name>/webhook-deliveries}. */
    @Min(1)
    @JsonProperty
    private int logSize = 500;

    /** Threads sending webhooks, shared by all instances. */
    @Min(1)
    @JsonProperty
    private int threads = 2;

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public Duration getFirstRetryDelay() {
        return firstRetryDelay;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public int getLogSize() {
        return logSize;
    }

    public int getThreads() {
        return threads;
    }
}
