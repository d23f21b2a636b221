package com.aiagents.platform.worker.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.prometheus.client.CollectorRegistry;
import org.junit.jupiter.api.Test;

/** sdp_circuit_open follows a real resilience4j breaker: 1 only while it refuses calls. */
class SdpCircuitGaugeTest {
    private final CollectorRegistry registry = new CollectorRegistry();
    private final SdpCircuitGauge gauge = new SdpCircuitGauge(registry);
    private final CircuitBreaker breaker = CircuitBreaker.ofDefaults("sdp-acme");

    @Test
    void isOneWhileOpenAndZeroWhileClosedOrHalfOpen() {
        breaker.getEventPublisher().onStateTransition(event -> gauge.stateChanged("acme", breaker));
        gauge.stateChanged("acme", breaker);
        assertThat(value("acme")).isEqualTo(0.0);

        breaker.transitionToOpenState();
        assertThat(value("acme")).isEqualTo(1.0);
        breaker.transitionToHalfOpenState();
        assertThat(value("acme")).isEqualTo(0.0);
        breaker.transitionToOpenState();
        assertThat(value("acme")).isEqualTo(1.0);
        breaker.transitionToForcedOpenState();
        assertThat(value("acme")).isEqualTo(1.0);
        breaker.transitionToClosedState();
        assertThat(value("acme")).isEqualTo(0.0);
        assertThat(value("globex")).as("a tenant whose SDP was never called").isNull();
    }

    @Test
    void aForgottenTenantLeavesTheExposition() {
        breaker.transitionToOpenState();
        gauge.stateChanged("acme", breaker);
        gauge.stateChanged("globex", CircuitBreaker.ofDefaults("sdp-globex"));

        gauge.forgotten("acme");

        assertThat(value("acme")).isNull();
        assertThat(value("globex")).isEqualTo(0.0);
    }

    private Double value(String tenantId) {
        return registry.getSampleValue("sdp_circuit_open", new String[] {"tenant_id"}, new String[] {tenantId});
    }
}
