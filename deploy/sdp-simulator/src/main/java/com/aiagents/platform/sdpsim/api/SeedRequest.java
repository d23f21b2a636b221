package com.aiagents.platform.sdpsim.api;

import com.aiagents.platform.sdpsim.errors.SimApiException;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /sim/instances/<name>/seed}: {@code {"resolved_requests": N, "seed": S}} (seed defaults
 * to 0), and on MSP instances {@code "account"} and {@code "site"}, where the history goes.
 */
public record SeedRequest(@JsonProperty("resolved_requests") Integer resolvedRequests,
                          @JsonProperty("seed") Long seed,
                          @JsonProperty("account") String account,
                          @JsonProperty("site") String site) {

    static final int MAX_REQUESTS = 1000;

    public int count() {
        if (resolvedRequests == null || resolvedRequests < 1 || resolvedRequests > MAX_REQUESTS) {
            throw SimApiException.badRequest("invalid-seed", "resolved_requests must be 1.." + MAX_REQUESTS);
        }
        return resolvedRequests;
    }

    public long seedOrDefault() {
        return seed == null ? 0L : seed;
    }
}
