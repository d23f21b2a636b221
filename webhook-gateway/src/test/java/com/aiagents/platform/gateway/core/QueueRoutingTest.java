package com.aiagents.platform.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.RateLimits;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.api.Tier;
import org.junit.jupiter.api.Test;

class QueueRoutingTest {
    private final TenantId acme = TenantId.of("acme");

    private static TenantRuntimeConfig tier(Tier tier) {
        return new TenantRuntimeConfig("acme", TenantStatus.ACTIVE, tier, null, RateLimits.defaults(), null, null);
    }

    @Test
    void everythingGoesToTheIngressQueueUnlessPremiumQueuesAreSwitchedOn() {
        assertThat(new QueueRouting(false).queueFor(acme, tier(Tier.PREMIUM))).isEqualTo("enhancement_queue");
        assertThat(new QueueRouting(true).queueFor(acme, tier(Tier.PREMIUM))).isEqualTo("{enhancement_queue}:acme");
        assertThat(new QueueRouting(true).queueFor(acme, tier(Tier.BASIC))).isEqualTo("enhancement_queue");
    }
}
