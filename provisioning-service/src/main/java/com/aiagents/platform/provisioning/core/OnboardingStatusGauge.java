package com.aiagents.platform.provisioning.core;

import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code onboardings{status}}: how many onboardings are in each status now, one sample per status
 * (0 included), read from the {@code onboardings} table as provisioning-service's own role. A run
 * that ended {@code failed} or {@code rollback_failed} (a step or compensation failed, or its
 * process died and its lease ran out) stays counted until an operator resumes it or rolls it back,
 * so the {@code OnboardingsNeedAttention} alert keeps firing as long as the onboarding waits; the
 * duration histogram only sees runs that ended in this process.
 *
 * <p>One grouped count per {@code maxAge} at most (a scrape interval): scrapes in between get the
 * cached counts. When the count fails (the database is down) the last counts are served, so a blip
 * does not make the series vanish and restart the alert's {@code for}; the failure is logged and
 * {@code DependencyDown} says the database is unreachable. Every replica reports the same table:
 * aggregate with {@code max}, never {@code sum}.
 */
public final class OnboardingStatusGauge extends Collector implements Collector.Describable {
    static final String NAME = "onboardings";
    private static final Logger LOG = LoggerFactory.getLogger(OnboardingStatusGauge.class);

    private final Supplier<Map<OnboardingStatus, Long>> counts;
    private final Duration maxAge;
    private final Supplier<Instant> clock;
    private Map<OnboardingStatus, Long> cached;
    private Instant countedAt;

    public OnboardingStatusGauge(Supplier<Map<OnboardingStatus, Long>> counts, Duration maxAge, Supplier<Instant> clock) {
        this.counts = counts;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public List<MetricFamilySamples> describe() {
        return List.of(family());
    }

    @Override
    public synchronized List<MetricFamilySamples> collect() {
        Instant now = clock.get();
        if (countedAt == null || !now.isBefore(countedAt.plus(maxAge))) {
            try {
                cached = Map.copyOf(counts.get());
                countedAt = now;
            } catch (RuntimeException e) {
                LOG.warn("event=onboarding_count_failed serving={} error={}", cached == null ? "nothing" : "last counts",
                        e.getClass().getSimpleName());
            }
        }
        if (cached == null) {
            return List.of();
        }
        GaugeMetricFamily family = family();
        for (OnboardingStatus status : OnboardingStatus.values()) {
            family.addMetric(List.of(status.wireName()), cached.getOrDefault(status, 0L));
        }
        return List.of(family);
    }

    private static GaugeMetricFamily family() {
        return new GaugeMetricFamily(NAME, "Onboardings in each status now (every replica reports the same table: max)",
                List.of("status"));
    }
}
