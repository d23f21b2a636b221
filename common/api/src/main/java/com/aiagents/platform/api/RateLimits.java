package com.aiagents.platform.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A tenant's webhook budget, enforced by the gateway across all replicas. */
public record RateLimits(@JsonProperty("requests_per_minute") int requestsPerMinute) {

    public static final int MIN_RPM = 1;
    public static final int MAX_RPM = 100_000;

    public static RateLimits defaults() {
        return new RateLimits(100);
    }
}
