package com.aiagents.platform.sdp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.sdp.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenMintBudgetTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final TokenMintBudget budget = new TokenMintBudget(3, Duration.ofMinutes(10), clock);

    @Test
    void allowsTheConfiguredMintsPerSlidingWindow() {
        assertThat(budget.tryAcquire()).isTrue();
        clock.advance(Duration.ofMinutes(4));
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();

        assertThat(budget.tryAcquire()).isFalse();
        assertThat(budget.untilNextSlot()).isEqualTo(Duration.ofMinutes(6));

        clock.advance(Duration.ofMinutes(6));
        assertThat(budget.untilNextSlot()).isZero();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).as("the two mints at minute 4 are still in the window").isFalse();
    }
}
