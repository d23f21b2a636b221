package com.aiagents.platform.sdp;

import java.time.Duration;

/**
 * Every knob of the SDP client. {@link #defaults()} suits production; tests shrink the delays.
 *
 * @param connectTimeout            TCP/TLS connect timeout
 * @param readTimeout               longest silence while reading a reply
 * @param callTimeout               bound on one whole HTTP exchange
 * @param maxAttempts               attempts per call including the first (1 = no retry)
 * @param initialBackoff            pause before the first retry; doubles (see multiplier) after that
 * @param backoffMultiplier         growth of the pause between retries
 * @param backoffJitter             0..1: each pause is randomised by up to this share, so tenants do not retry in step
 * @param maxBackoff                cap on one pause
 * @param maxRetryAfterWait         we honour SDP's {@code Retry-After} but never wait longer than this per retry
 * @param circuitWindowSize         calls in the circuit breaker's sliding window
 * @param circuitMinimumCalls       calls needed before the failure rate is judged
 * @param circuitFailureRatePercent failure rate (of unhealthy-service failures) that opens the circuit
 * @param circuitOpenDuration       how long an open circuit rejects calls before probing again
 * @param circuitHalfOpenCalls      probe calls allowed when half open
 * @param bulkheadMaxConcurrentCalls calls to one tenant's SDP in flight at once
 * @param bulkheadMaxWait           how long a call waits for a bulkhead slot
 * @param tokenRefreshMargin        a cached cloud access token is replaced this long before it expires
 * @param tokenMintsPerWindow       access tokens one refresh token may mint per window (Zoho allows 10 per 10 minutes)
 * @param tokenMintWindow           the window for {@code tokenMintsPerWindow}
 * @param maxNotePages              bound on pages fetched by {@link SdpClient#listNotes(String)}
 * @param userAgent                 sent with every request
 * @param allowPrivateNetworks      {@code SDP_ALLOW_PRIVATE_NETWORKS}: when false (production) the client
 *                                  connects only over https to globally routable addresses and the
 *                                  tenant's own allowed private networks; true for the local run, tests
 *                                  and the simulator
 * @param maxReplyBytes             a reply (SDP or Zoho) larger than this fails the call instead of being read
 */
public record SdpClientConfig(
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        int maxAttempts,
        Duration initialBackoff,
        double backoffMultiplier,
        double backoffJitter,
        Duration maxBackoff,
        Duration maxRetryAfterWait,
        int circuitWindowSize,
        int circuitMinimumCalls,
        float circuitFailureRatePercent,
        Duration circuitOpenDuration,
        int circuitHalfOpenCalls,
        int bulkheadMaxConcurrentCalls,
        Duration bulkheadMaxWait,
        Duration tokenRefreshMargin,
        int tokenMintsPerWindow,
        Duration tokenMintWindow,
        int maxNotePages,
        String userAgent,
        boolean allowPrivateNetworks,
        long maxReplyBytes) {

    public SdpClientConfig {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(callTimeout, "callTimeout");
        requireAtLeast(maxAttempts, 1, "maxAttempts");
        requireNotNegative(initialBackoff, "initialBackoff");
        if (backoffMultiplier < 1.0) {
            throw new IllegalArgumentException("backoffMultiplier must be >= 1");
        }
        if (backoffJitter < 0.0 || backoffJitter >= 1.0) {
            throw new IllegalArgumentException("backoffJitter must be in [0, 1)");
        }
        requireNotNegative(maxBackoff, "maxBackoff");
        requireNotNegative(maxRetryAfterWait, "maxRetryAfterWait");
        requireAtLeast(circuitWindowSize, 1, "circuitWindowSize");
        requireAtLeast(circuitMinimumCalls, 1, "circuitMinimumCalls");
        if (circuitFailureRatePercent <= 0 || circuitFailureRatePercent > 100) {
            throw new IllegalArgumentException("circuitFailureRatePercent must be in (0, 100]");
        }
        requirePositive(circuitOpenDuration, "circuitOpenDuration");
        requireAtLeast(circuitHalfOpenCalls, 1, "circuitHalfOpenCalls");
        requireAtLeast(bulkheadMaxConcurrentCalls, 1, "bulkheadMaxConcurrentCalls");
        requireNotNegative(bulkheadMaxWait, "bulkheadMaxWait");
        requireNotNegative(tokenRefreshMargin, "tokenRefreshMargin");
        requireAtLeast(tokenMintsPerWindow, 1, "tokenMintsPerWindow");
        requirePositive(tokenMintWindow, "tokenMintWindow");
        requireAtLeast(maxNotePages, 1, "maxNotePages");
        if (userAgent == null || userAgent.isBlank()) {
            throw new IllegalArgumentException("userAgent must not be blank");
        }
        if (maxReplyBytes < 1024) {
            throw new IllegalArgumentException("maxReplyBytes must be >= 1024");
        }
    }

    public static SdpClientConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    private static void requireNotNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }

    private static void requireAtLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min);
        }
    }

    /** Builder starting from the production defaults. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(20);
        private Duration callTimeout = Duration.ofSeconds(30);
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(500);
        private double backoffMultiplier = 2.0;
        private double backoffJitter = 0.5;
        private Duration maxBackoff = Duration.ofSeconds(8);
        private Duration maxRetryAfterWait = Duration.ofSeconds(30);
        private int circuitWindowSize = 20;
        private int circuitMinimumCalls = 10;
        private float circuitFailureRatePercent = 50f;
        private Duration circuitOpenDuration = Duration.ofSeconds(30);
        private int circuitHalfOpenCalls = 3;
        private int bulkheadMaxConcurrentCalls = 10;
        private Duration bulkheadMaxWait = Duration.ofMillis(200);
        private Duration tokenRefreshMargin = Duration.ofMinutes(5);
        private int tokenMintsPerWindow = 10;
        private Duration tokenMintWindow = Duration.ofMinutes(10);
        private int maxNotePages = 50;
        private String userAgent = "ai-agents-platform-sdp-client";
        private boolean allowPrivateNetworks = false;
        private long maxReplyBytes = 5L * 1024 * 1024;

        private Builder() {
        }

        private Builder(SdpClientConfig c) {
            connectTimeout = c.connectTimeout;
            readTimeout = c.readTimeout;
            callTimeout = c.callTimeout;
            maxAttempts = c.maxAttempts;
            initialBackoff = c.initialBackoff;
            backoffMultiplier = c.backoffMultiplier;
            backoffJitter = c.backoffJitter;
            maxBackoff = c.maxBackoff;
            maxRetryAfterWait = c.maxRetryAfterWait;
            circuitWindowSize = c.circuitWindowSize;
            circuitMinimumCalls = c.circuitMinimumCalls;
            circuitFailureRatePercent = c.circuitFailureRatePercent;
            circuitOpenDuration = c.circuitOpenDuration;
            circuitHalfOpenCalls = c.circuitHalfOpenCalls;
            bulkheadMaxConcurrentCalls = c.bulkheadMaxConcurrentCalls;
            bulkheadMaxWait = c.bulkheadMaxWait;
            tokenRefreshMargin = c.tokenRefreshMargin;
            tokenMintsPerWindow = c.tokenMintsPerWindow;
            tokenMintWindow = c.tokenMintWindow;
            maxNotePages = c.maxNotePages;
            userAgent = c.userAgent;
            allowPrivateNetworks = c.allowPrivateNetworks;
            maxReplyBytes = c.maxReplyBytes;
        }

        public Builder timeouts(Duration connect, Duration read, Duration call) {
            this.connectTimeout = connect;
            this.readTimeout = read;
            this.callTimeout = call;
            return this;
        }

        public Builder retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
            this.maxAttempts = maxAttempts;
            this.initialBackoff = initialBackoff;
            this.maxBackoff = maxBackoff;
            return this;
        }

        public Builder backoffShape(double multiplier, double jitter) {
            this.backoffMultiplier = multiplier;
            this.backoffJitter = jitter;
            return this;
        }

        public Builder maxRetryAfterWait(Duration maxRetryAfterWait) {
            this.maxRetryAfterWait = maxRetryAfterWait;
            return this;
        }

        public Builder circuitBreaker(int windowSize, int minimumCalls, float failureRatePercent,
                                      Duration openDuration, int halfOpenCalls) {
            this.circuitWindowSize = windowSize;
            this.circuitMinimumCalls = minimumCalls;
            this.circuitFailureRatePercent = failureRatePercent;
            this.circuitOpenDuration = openDuration;
            this.circuitHalfOpenCalls = halfOpenCalls;
            return this;
        }

        public Builder bulkhead(int maxConcurrentCalls, Duration maxWait) {
            this.bulkheadMaxConcurrentCalls = maxConcurrentCalls;
            this.bulkheadMaxWait = maxWait;
            return this;
        }

        public Builder tokens(Duration refreshMargin, int mintsPerWindow, Duration mintWindow) {
            this.tokenRefreshMargin = refreshMargin;
            this.tokenMintsPerWindow = mintsPerWindow;
            this.tokenMintWindow = mintWindow;
            return this;
        }

        public Builder maxNotePages(int maxNotePages) {
            this.maxNotePages = maxNotePages;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /** {@code SDP_ALLOW_PRIVATE_NETWORKS}: any address and plain http (local run, tests, simulator). */
        public Builder allowPrivateNetworks(boolean allow) {
            this.allowPrivateNetworks = allow;
            return this;
        }

        public Builder maxReplyBytes(long maxReplyBytes) {
            this.maxReplyBytes = maxReplyBytes;
            return this;
        }

        public SdpClientConfig build() {
            return new SdpClientConfig(connectTimeout, readTimeout, callTimeout, maxAttempts,
                    initialBackoff, backoffMultiplier, backoffJitter, maxBackoff, maxRetryAfterWait,
                    circuitWindowSize, circuitMinimumCalls, circuitFailureRatePercent,
                    circuitOpenDuration, circuitHalfOpenCalls, bulkheadMaxConcurrentCalls,
                    bulkheadMaxWait, tokenRefreshMargin, tokenMintsPerWindow, tokenMintWindow,
                    maxNotePages, userAgent, allowPrivateNetworks, maxReplyBytes);
        }
    }
}
