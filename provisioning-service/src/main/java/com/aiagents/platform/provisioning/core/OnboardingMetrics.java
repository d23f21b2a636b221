package com.aiagents.platform.provisioning.core;

import com.aiagents.platform.api.Tier;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;

/**
 * {@code onboarding_duration_seconds{tier,outcome}}: wall time of each run of the saga (a resume
 * is a run of its own), outcome {@code succeeded} or {@code failed};
 * {@code onboarding_step_failures_total{step}}: failures per step, compensations included.
 * Labels are bounded sets (two tiers, two outcomes, eight steps): never a tenant id.
 */
public final class OnboardingMetrics {
    private final Histogram duration;
    private final Counter stepFailures;

    public OnboardingMetrics(CollectorRegistry registry) {
        duration = Histogram.build()
                .name("onboarding_duration_seconds")
                .help("Wall time of one onboarding run, from the request to its last step.")
                .labelNames("tier", "outcome")
                .buckets(0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600, 1800)
                .register(registry);
        stepFailures = Counter.build()
                .name("onboarding_step_failures_total")
                .help("Onboarding steps that failed, by step.")
                .labelNames("step")
                .register(registry);
    }

    public void runFinished(Tier tier, OnboardingStatus outcome, double seconds) {
        duration.labels(tier.wireName(), outcome.wireName()).observe(seconds);
    }

    public void stepFailed(Step step) {
        stepFailures.labels(step.wireName()).inc();
    }
}
