package com.aiagents.platform.sdp.resilience;

import com.aiagents.platform.sdp.SdpClientConfig;
import com.aiagents.platform.sdp.SdpErrorKind;
import com.aiagents.platform.sdp.SdpException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant's circuit breaker, bulkhead and retries, so that one tenant's broken or slow SDP
 * never uses up another tenant's capacity. A call runs as retry(circuit breaker(bulkhead(attempt))):
 * each attempt counts for the circuit, and pauses between retries hold no bulkhead slot.
 */
public final class TenantResilience {

    private static final Logger LOG = LoggerFactory.getLogger(TenantResilience.class);

    private final String tenantId;
    private final CircuitBreaker circuitBreaker;
    private final Bulkhead bulkhead;
    private final Retry readRetry;
    private final Retry writeRetry;

    private TenantResilience(String tenantId, CircuitBreaker circuitBreaker, Bulkhead bulkhead,
                             Retry readRetry, Retry writeRetry) {
        this.tenantId = tenantId;
        this.circuitBreaker = circuitBreaker;
        this.bulkhead = bulkhead;
        this.readRetry = readRetry;
        this.writeRetry = writeRetry;
    }

    /** @param circuits told of the circuit breaker's creation and state transitions */
    public static TenantResilience create(String tenantId, SdpClientConfig config, SdpCircuitObserver circuits) {
        String name = "sdp-" + tenantId;
        CircuitBreaker circuitBreaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(config.circuitWindowSize())
                .minimumNumberOfCalls(config.circuitMinimumCalls())
                .failureRateThreshold(config.circuitFailureRatePercent())
                .waitDurationInOpenState(config.circuitOpenDuration())
                .permittedNumberOfCallsInHalfOpenState(config.circuitHalfOpenCalls())
                // 404s, bad input and rate limits come from a healthy SDP: they count as successes.
                .recordException(e -> e instanceof SdpException && ((SdpException) e).kind().signalsUnhealthyService())
                .ignoreExceptions(BulkheadFullException.class)
                .build());
        circuitBreaker.getEventPublisher().onStateTransition(event -> {
            LOG.warn("sdp_circuit_transition tenant_id={} transition={}", tenantId, event.getStateTransition());
            circuits.stateChanged(tenantId, circuitBreaker);
        });
        circuits.stateChanged(tenantId, circuitBreaker);
        Bulkhead bulkhead = Bulkhead.of(name, BulkheadConfig.custom()
                .maxConcurrentCalls(config.bulkheadMaxConcurrentCalls())
                .maxWaitDuration(config.bulkheadMaxWait())
                .build());
        RetryDelayPolicy delays = new RetryDelayPolicy(config);
        Retry readRetry = Retry.of(name + "-read", retryConfig(config, delays, SdpErrorKind::isTransient));
        // A POST that timed out or got a 5xx may have been applied; only a 429 proves it was not.
        Retry writeRetry = Retry.of(name + "-write", retryConfig(config, delays, kind -> kind == SdpErrorKind.RATE_LIMITED));
        return new TenantResilience(tenantId, circuitBreaker, bulkhead, readRetry, writeRetry);
    }

    private static RetryConfig retryConfig(SdpClientConfig config, RetryDelayPolicy delays,
                                           Predicate<SdpErrorKind> retryable) {
        return RetryConfig.custom()
                .maxAttempts(config.maxAttempts())
                .intervalBiFunction(delays)
                .retryOnException(e -> e instanceof SdpException && retryable.test(((SdpException) e).kind()))
                .build();
    }

    /**
     * Runs {@code attempt} under this tenant's policies.
     *
     * @param idempotent whether the call may be repeated after a timeout or 5xx
     */
    public <T> T call(boolean idempotent, Supplier<T> attempt) {
        Supplier<T> guarded = Bulkhead.decorateSupplier(bulkhead, attempt);
        guarded = CircuitBreaker.decorateSupplier(circuitBreaker, guarded);
        guarded = Retry.decorateSupplier(idempotent ? readRetry : writeRetry, guarded);
        try {
            return guarded.get();
        } catch (CallNotPermittedException e) {
            throw new SdpException(SdpErrorKind.CIRCUIT_OPEN, tenantId, "SDP circuit breaker for tenant '"
                    + tenantId + "' is open after repeated failures; call not attempted", e);
        } catch (BulkheadFullException e) {
            throw new SdpException(SdpErrorKind.BULKHEAD_FULL, tenantId, "SDP for tenant '" + tenantId
                    + "' already has " + bulkhead.getBulkheadConfig().getMaxConcurrentCalls()
                    + " calls in flight; call not attempted", e);
        }
    }

    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    public Bulkhead bulkhead() {
        return bulkhead;
    }

    /** Retry of GET and DELETE calls; subscribe to its events for metrics. */
    public Retry readRetry() {
        return readRetry;
    }

    /** Retry of POST calls. */
    public Retry writeRetry() {
        return writeRetry;
    }
}
