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
 * {@code peerRetries} / {@code peerRetryBackoff}: how often a step is tried again after a
 * transient peer error (no answer, 502/503/504), with exponential backoff from the given delay.
 * {@code ticketImportWait}: how long the import step waits for the import to complete;
 * {@code ticketImportMinimum}: the rows that must be in when it stops waiting (the rest goes on in
 * the background). {@code ticketImportPoll}: how often it asks the worker.
 * {@code instanceId} (optional): a name no other live process uses at the same time (the pod
 * name); a process started under it releases its predecessor's runs at once instead of waiting
 * for their leases.
 */
public class OnboardingSettings {
    @NotNull
    private Duration waitFor = Duration.seconds(30);
    @NotNull
    private Duration lease = Duration.minutes(2);
    @Min(1)
    @Max(256)
    private int maxConcurrentRuns = 16;
    @Min(0)
    @Max(20)
    private int peerRetries = 4;
    @NotNull
    private Duration peerRetryBackoff = Duration.milliseconds(500);
    @NotNull
    private Duration ticketImportWait = Duration.minutes(10);
    @Min(0)
    private int ticketImportMinimum = 500;
    @NotNull
    private Duration ticketImportPoll = Duration.seconds(1);
    @jakarta.validation.constraints.Pattern(regexp = "^[A-Za-z0-9._-]{0,100}$")
    private String instanceId;

    @JsonProperty public Duration getWaitFor() { return waitFor; }
    @JsonProperty public void setWaitFor(Duration waitFor) { this.waitFor = waitFor; }
    @JsonProperty public Duration getLease() { return lease; }
    @JsonProperty public void setLease(Duration lease) { this.lease = lease; }
    @JsonProperty public int getMaxConcurrentRuns() { return maxConcurrentRuns; }
    @JsonProperty public void setMaxConcurrentRuns(int maxConcurrentRuns) { this.maxConcurrentRuns = maxConcurrentRuns; }
    @JsonProperty public int getPeerRetries() { return peerRetries; }
    @JsonProperty public void setPeerRetries(int peerRetries) { this.peerRetries = peerRetries; }
    @JsonProperty public Duration getPeerRetryBackoff() { return peerRetryBackoff; }
    @JsonProperty public void setPeerRetryBackoff(Duration peerRetryBackoff) { this.peerRetryBackoff = peerRetryBackoff; }
    @JsonProperty public Duration getTicketImportWait() { return ticketImportWait; }
    @JsonProperty public void setTicketImportWait(Duration ticketImportWait) { this.ticketImportWait = ticketImportWait; }
    @JsonProperty public int getTicketImportMinimum() { return ticketImportMinimum; }
    @JsonProperty public void setTicketImportMinimum(int ticketImportMinimum) { this.ticketImportMinimum = ticketImportMinimum; }
    @JsonProperty public String getInstanceId() { return instanceId; }
    @JsonProperty public void setInstanceId(String instanceId) { this.instanceId = instanceId; }
    @JsonProperty public Duration getTicketImportPoll() { return ticketImportPoll; }
    @JsonProperty public void setTicketImportPoll(Duration ticketImportPoll) { this.ticketImportPoll = ticketImportPoll; }
}
