package com.aiagents.platform.gates;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/** The {@code gates:} section: bounds, gate 2's probe, gate 3's pacing, and the scheduled re-run. */
public class GatesSettings {
    /** Bound on each gate; a gate still running then fails as timed out. */
    @NotNull
    @JsonProperty
    private Duration timeout = Duration.seconds(120);

    @Min(2)
    @Max(20)
    @JsonProperty
    private int determinismRuns = 3;

    @JsonProperty
    private long determinismSeed = 42;

    /** Bound on gate 3, from creating the test request to the {@code posted} history row. */
    @NotNull
    @JsonProperty
    private Duration goldenPathTimeout = Duration.seconds(60);

    /** How often gate 3 looks for the history row and the note while it waits. */
    @NotNull
    @JsonProperty
    private Duration pollInterval = Duration.milliseconds(250);

    @Valid
    @NotNull
    @JsonProperty
    private Revalidation revalidation = new Revalidation();

    public Duration getTimeout() {
        return timeout;
    }

    public int getDeterminismRuns() {
        return determinismRuns;
    }

    public long getDeterminismSeed() {
        return determinismSeed;
    }

    public Duration getGoldenPathTimeout() {
        return goldenPathTimeout;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public Revalidation getRevalidation() {
        return revalidation;
    }

    /** Re-runs the gates that can change under a live tenant (1 and 4) for every active tenant. */
    public static class Revalidation {
        @JsonProperty
        private boolean enabled = true;

        @NotNull
        @JsonProperty
        private Duration interval = Duration.hours(6);

        @NotNull
        @JsonProperty
        private Duration initialDelay = Duration.minutes(5);

        @NotEmpty
        @JsonProperty
        private List<Integer> gates = new ArrayList<>(List.of(1, 4));

        public boolean isEnabled() {
            return enabled;
        }

        public Duration getInterval() {
            return interval;
        }

        public Duration getInitialDelay() {
            return initialDelay;
        }

        public List<Integer> getGates() {
            return gates;
        }
    }
}
