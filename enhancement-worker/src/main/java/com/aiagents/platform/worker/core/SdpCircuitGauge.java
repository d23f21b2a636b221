package com.aiagents.platform.worker.core;

import com.aiagents.platform.sdp.resilience.SdpCircuitObserver;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Gauge;

/**
 * {@code sdp_circuit_open{tenant_id}}: 1 while a tenant's SDP circuit breaker is open (the worker
 * refuses to call that SDP), 0 while it is closed or half-open (letting probe calls through). A
 * tenant appears once this process first calls its SDP. Set on the breakers' state transitions,
 * so a scrape does no work. Deliberately not a health check: one tenant's SDP being down must not
 * make the worker unhealthy or unready for every other tenant.
 */
public final class SdpCircuitGauge implements SdpCircuitObserver {
    private final Gauge open;

    public SdpCircuitGauge(CollectorRegistry registry) {
        open = Gauge.build("sdp_circuit_open",
                        "1 while the tenant's SDP circuit breaker is open (its SDP is not called), else 0 (closed or half-open)")
                .labelNames("tenant_id").register(registry);
    }

    /** Synchronized so that the state read last is the one written last. */
    @Override
    public synchronized void stateChanged(String tenantId, CircuitBreaker breaker) {
        CircuitBreaker.State state = breaker.getState();
        boolean refusing = state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
        open.labels(tenantId).set(refusing ? 1 : 0);
    }

    @Override
    public synchronized void forgotten(String tenantId) {
        open.remove(tenantId);
    }
}
