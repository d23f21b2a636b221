package com.aiagents.platform.common.client;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantRuntimeConfig;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Interceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TenantDirectory} over {@link TenantServiceClient} for the hot path (every webhook, every
 * job). Per tenant it:
 * <ul>
 *   <li>reuses an answer for {@code cacheTtl} (default 10 s), so a suspension, an offboarding or a
 *       secret rotation takes effect within that time;</li>
 *   <li>remembers a 404 for {@code notFoundTtl} (default 5 s), so a flood of requests for an
 *       unknown tenant costs tenant-service one call per 5 s, not one per request;</li>
 *   <li>when tenant-service fails, serves the last known configuration up to
 *       {@code staleIfErrorFor} old (default 10 min) and throws unavailable otherwise;</li>
 *   <li>sends at most one request per tenant at a time (concurrent misses wait for it), behind a
 *       circuit breaker that stops calling a tenant-service that keeps failing.</li>
 * </ul>
 */
public final class CachingTenantDirectory implements TenantDirectory, Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(CachingTenantDirectory.class);

    private final TenantServiceClient client;
    private final Clock clock;
    private final Duration cacheTtl;
    private final Duration notFoundTtl;
    private final Duration staleIfErrorFor;
    private final int maxEntries;
    private final CircuitBreaker breaker;
    private final ConcurrentHashMap<TenantId, Entry> cache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<TenantId, CompletableFuture<Entry>> inFlight = new ConcurrentHashMap<>();

    public CachingTenantDirectory(TenantServiceClient client, TenantServiceClientConfig config, Clock clock) {
        this.client = client;
        this.clock = clock;
        this.cacheTtl = config.getCacheTtl().toJavaDuration();
        this.notFoundTtl = config.getNotFoundTtl().toJavaDuration();
        this.staleIfErrorFor = config.getStaleIfErrorFor().toJavaDuration();
        this.maxEntries = config.getMaxCachedTenants();
        this.breaker = CircuitBreaker.of("tenant-service", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(config.getCircuitWindowCalls())
                .minimumNumberOfCalls(config.getCircuitMinimumCalls())
                .failureRateThreshold(config.getCircuitFailureRatePercent())
                .waitDurationInOpenState(config.getCircuitOpenFor().toJavaDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                // A 404 is an answer, not a failure: only unreachability opens the circuit.
                .recordExceptions(TenantDirectoryUnavailableException.class)
                .build());
        breaker.getEventPublisher().onStateTransition(event ->
                LOG.warn("event=tenant_service_circuit transition={}", event.getStateTransition()));
    }

    /**
     * Production wiring: a client for {@code config} whose calls go through {@code tracing} (the
     * service's client interceptor, a no-op when tracing is off) and the system clock.
     */
    public static CachingTenantDirectory create(TenantServiceClientConfig config, Interceptor tracing) {
        return new CachingTenantDirectory(new TenantServiceClient(config, tracing), config, Clock.systemUTC());
    }

    @Override
    public TenantRuntimeConfig lookup(TenantId tenantId) {
        Instant now = clock.instant();
        Entry cached = cache.get(tenantId);
        if (cached != null && cached.isFreshAt(now)) {
            return cached.answer(tenantId);
        }
        Entry latest;
        try {
            latest = refresh(tenantId);
        } catch (TenantDirectoryUnavailableException unavailable) {
            if (cached != null && cached.config() != null
                    && cached.fetchedAt().plus(staleIfErrorFor).isAfter(now)) {
                LOG.debug("event=tenant_config_stale tenant_id={} reason={}", tenantId, unavailable.getMessage());
                return cached.config();
            }
            throw unavailable;
        }
        return latest.answer(tenantId);
    }

    /** The breaker's state (CLOSED, OPEN, HALF_OPEN), for health checks and metrics. */
    public CircuitBreaker.State circuitState() {
        return breaker.getState();
    }

    /** One remote call per tenant at a time; concurrent callers share its outcome. */
    private Entry refresh(TenantId tenantId) {
        CompletableFuture<Entry> mine = new CompletableFuture<>();
        CompletableFuture<Entry> running = inFlight.putIfAbsent(tenantId, mine);
        if (running != null) {
            return awaitShared(running);
        }
        try {
            Entry entry = fetchThroughBreaker(tenantId);
            store(tenantId, entry);
            mine.complete(entry);
            return entry;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(tenantId, mine);
        }
    }

    private Entry fetchThroughBreaker(TenantId tenantId) {
        Optional<TenantRuntimeConfig> answer;
        try {
            answer = breaker.executeSupplier(() -> client.fetch(tenantId));
        } catch (CallNotPermittedException open) {
            throw new TenantDirectoryUnavailableException("tenant-service circuit is open", open);
        }
        return new Entry(answer.orElse(null), clock.instant());
    }

    private static Entry awaitShared(CompletableFuture<Entry> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void store(TenantId tenantId, Entry entry) {
        if (cache.size() >= maxEntries && !cache.containsKey(tenantId)) {
            Instant now = clock.instant();
            cache.values().removeIf(old -> !old.isWorthKeepingAt(now));
            if (cache.size() >= maxEntries && entry.config() == null) {
                // Random unknown ids must not grow the cache without bound; known tenants always fit
                // because their number is what the registry holds.
                return;
            }
        }
        cache.put(tenantId, entry);
    }

    @Override
    public void close() {
        client.close();
    }

    /** A tenant-service answer: a configuration, or null for 404. */
    private final class Entry {
        private final TenantRuntimeConfig config;
        private final Instant fetchedAt;

        Entry(TenantRuntimeConfig config, Instant fetchedAt) {
            this.config = config;
            this.fetchedAt = fetchedAt;
        }

        TenantRuntimeConfig config() {
            return config;
        }

        Instant fetchedAt() {
            return fetchedAt;
        }

        boolean isFreshAt(Instant now) {
            return fetchedAt.plus(config == null ? notFoundTtl : cacheTtl).isAfter(now);
        }

        boolean isWorthKeepingAt(Instant now) {
            return config == null ? isFreshAt(now) : fetchedAt.plus(staleIfErrorFor).isAfter(now);
        }

        TenantRuntimeConfig answer(TenantId tenantId) {
            if (config == null) {
                throw new TenantNotFoundException(tenantId);
            }
            return config;
        }
    }
}
