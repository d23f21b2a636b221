package com.aiagents.platform.provisioning.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code onboarding:} block. {@code waitFor}: how long {@code POST /v1/onboardings} waits for
 * the result before answering 202 (a client may ask for less with {@code Prefer: wait=N} or
 * {@code Prefer: respond-async}). {@code lease}: how long a run may go without renewing its claim
 * before another request may take it over (the process running it is presumed dead).
 */
public class OnboardingSettings {
    @NotNull
    private Duration waitFor = Duration.seconds(30);
    @NotNull
    private Duration lease = Duration.minutes(2);
    @Min(1)
    @Max(256)
    private int maxConcurrentRuns = 16;

    @JsonProperty public Duration getWaitFor() { return waitFor; }
    @JsonProperty public void setWaitFor(Duration waitFor) { this.waitFor = waitFor; }
    @JsonProperty public Duration getLease() { return lease; }
    @JsonProperty public void setLease(Duration lease) { this.lease = lease; }
    @JsonProperty public int getMaxConcurrentRuns() { return maxConcurrentRuns; }
    @JsonProperty public void setMaxConcurrentRuns(int maxConcurrentRuns) { this.maxConcurrentRuns = maxConcurrentRuns; }
}
