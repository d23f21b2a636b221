package com.aiagents.platform.sdp.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.sdp.SdpClientConfig;
import com.aiagents.platform.sdp.SdpErrorKind;
import com.aiagents.platform.sdp.SdpException;
import io.github.resilience4j.core.functions.Either;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryDelayPolicyTest {

    private final SdpClientConfig config = SdpClientConfig.builder()
            .retry(5, Duration.ofMillis(100), Duration.ofMillis(1000))
            .backoffShape(2.0, 0.5)
            .maxRetryAfterWait(Duration.ofSeconds(30))
            .build();

    @Test
    void backoffDoublesUpToTheCapWithoutJitterAtTheMidpoint() {
        RetryDelayPolicy policy = new RetryDelayPolicy(config, () -> 0.5);

        assertThat(policy.apply(1, serverError())).isEqualTo(100L);
        assertThat(policy.apply(2, serverError())).isEqualTo(200L);
        assertThat(policy.apply(3, serverError())).isEqualTo(400L);
        assertThat(policy.apply(5, serverError())).isEqualTo(1000L);
    }

    @Test
    void jitterSpreadsEachPauseByTheConfiguredShare() {
        assertThat(new RetryDelayPolicy(config, () -> 0.0).apply(2, serverError())).isEqualTo(100L);
        assertThat(new RetryDelayPolicy(config, () -> 0.999).apply(2, serverError())).isBetween(299L, 300L);
        assertThat(new RetryDelayPolicy(config, () -> 0.999).apply(5, serverError())).as("never above the cap").isEqualTo(1000L);
    }

    @Test
    void retryAfterWinsOverBackoffAndIsCapped() {
        RetryDelayPolicy policy = new RetryDelayPolicy(config, () -> 0.5);

        assertThat(policy.apply(1, rateLimited(Duration.ofSeconds(3)))).isEqualTo(3000L);
        assertThat(policy.apply(1, rateLimited(Duration.ofMinutes(5)))).isEqualTo(30_000L);
        assertThat(policy.apply(2, rateLimited(null))).as("no header: plain backoff").isEqualTo(200L);
    }

    private static Either<Throwable, Object> serverError() {
        return Either.left(new SdpException(SdpErrorKind.SERVER_ERROR, "acme", "boom", 500, null, null));
    }

    private static Either<Throwable, Object> rateLimited(Duration retryAfter) {
        return Either.left(new SdpException(SdpErrorKind.RATE_LIMITED, "acme", "slow down", 429, 4015, retryAfter));
    }
}
