package com.aiagents.platform.provisioning.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code erasure:} block: how often the erasure job looks for tenants whose offboarding grace
 * period is over (the grace period itself is tenant-service's {@code registry.offboardingGracePeriod}),
 * and how many it erases per pass.
 */
public class ErasureSettings {
    @NotNull
    @JsonProperty
    private Duration interval = Duration.minutes(5);
    @Min(1)
    @Max(1000)
    @JsonProperty
    private int batchSize = 20;

    public java.time.Duration interval() {
        return interval.toJavaDuration();
    }

    public int batchSize() {
        return batchSize;
    }
}
