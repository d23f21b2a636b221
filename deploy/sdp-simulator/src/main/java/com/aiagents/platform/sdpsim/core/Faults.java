package com.aiagents.platform.sdpsim.core;

/**
 * The faults an instance injects into its SDP API.
 *
 * @param latencyMs         added to every API call
 * @param errorRate         share (0..1) of API calls answered with HTTP 500
 * @param rateLimitBurst    the next N API calls answer 429 / 4015
 * @param retryAfterSeconds the {@code Retry-After} of those 429s
 * @param down              every API call answers 503 from a "reverse proxy" whose backend is gone
 * @param unavailableBurst  the next N API calls answer as {@code down} does, then the instance is back
 * @param invalidKey        every API call answers 401 / 4022, whatever the credentials
 * @param seed              makes the error-rate draws repeatable; null for random
 */
public record Faults(int latencyMs, double errorRate, int rateLimitBurst, int retryAfterSeconds,
                     boolean down, int unavailableBurst, boolean invalidKey, Long seed) {

    public static final Faults NONE = new Faults(0, 0.0, 0, 1, false, 0, false, null);
}
