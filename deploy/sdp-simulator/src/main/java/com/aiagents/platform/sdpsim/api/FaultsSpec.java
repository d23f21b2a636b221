package com.aiagents.platform.sdpsim.api;

import com.aiagents.platform.sdpsim.core.Faults;
import com.aiagents.platform.sdpsim.errors.SimApiException;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code "faults": {...}} at create or PATCH: every field is optional and a missing one keeps its
 * current value. See {@link Faults} for what each does.
 */
public record FaultsSpec(
        @JsonProperty("latency_ms") Integer latencyMs,
        @JsonProperty("error_rate") Double errorRate,
        @JsonProperty("rate_limit_burst") Integer rateLimitBurst,
        @JsonProperty("retry_after_seconds") Integer retryAfterSeconds,
        @JsonProperty("down") Boolean down,
        @JsonProperty("unavailable_burst") Integer unavailableBurst,
        @JsonProperty("invalid_key") Boolean invalidKey,
        @JsonProperty("seed") Long seed) {

    static final int MAX_LATENCY_MS = 60_000;
    static final int MAX_RETRY_AFTER_SECONDS = 3_600;

    public Faults applyTo(Faults current) {
        return new Faults(
                bounded(latencyMs, current.latencyMs(), MAX_LATENCY_MS, "latency_ms"),
                rate(current.errorRate()),
                bounded(rateLimitBurst, current.rateLimitBurst(), Integer.MAX_VALUE, "rate_limit_burst"),
                bounded(retryAfterSeconds, current.retryAfterSeconds(), MAX_RETRY_AFTER_SECONDS, "retry_after_seconds"),
                down == null ? current.down() : down,
                bounded(unavailableBurst, current.unavailableBurst(), Integer.MAX_VALUE, "unavailable_burst"),
                invalidKey == null ? current.invalidKey() : invalidKey,
                seed == null ? current.seed() : seed);
    }

    private double rate(double current) {
        if (errorRate == null) {
            return current;
        }
        if (errorRate.isNaN() || errorRate < 0.0 || errorRate > 1.0) {
            throw SimApiException.badRequest("invalid-faults", "faults.error_rate must be between 0 and 1");
        }
        return errorRate;
    }

    private static int bounded(Integer value, int current, int max, String field) {
        if (value == null) {
            return current;
        }
        if (value < 0 || value > max) {
            throw SimApiException.badRequest("invalid-faults", "faults." + field + " must be between 0 and " + max);
        }
        return value;
    }
}
