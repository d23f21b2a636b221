package com.aiagents.platform.sdp.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * Told when a tenant's SDP circuit breaker is created, changes state, or is dropped, so that a
 * service can export the states (enhancement-worker's {@code sdp_circuit_open} gauge) without
 * polling the breakers at scrape time. Called on the thread that caused the change: keep it quick.
 */
public interface SdpCircuitObserver {

    /** For services that do not export the states. */
    SdpCircuitObserver NONE = new SdpCircuitObserver() {
        @Override
        public void stateChanged(String tenantId, CircuitBreaker breaker) {
        }

        @Override
        public void forgotten(String tenantId) {
        }
    };

    /**
     * After the tenant's breaker is created (closed) and after each of its state transitions. It
     * hands over the breaker, not the new state: transitions caused on different threads may be
     * reported out of order, and reading {@code breaker.getState()} keeps the last report right.
     */
    void stateChanged(String tenantId, CircuitBreaker breaker);

    /** The tenant's breaker was dropped (offboarding): its state is no longer meaningful. */
    void forgotten(String tenantId);
}
