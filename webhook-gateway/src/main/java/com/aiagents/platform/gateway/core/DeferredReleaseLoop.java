package com.aiagents.platform.gateway.core;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link DeferredRelease} every interval on this replica and publishes the deferred depths. */
public final class DeferredReleaseLoop implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(DeferredReleaseLoop.class);

    private final DeferredRelease release;
    private final GatewayMetrics metrics;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public DeferredReleaseLoop(DeferredRelease release, GatewayMetrics metrics, Duration interval) {
        this.release = release;
        this.metrics = metrics;
        this.interval = interval;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "deferred-release");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::step, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void step() {
        try {
            DeferredRelease.Step step = release.releaseDue();
            metrics.deferred(step.deferred());
            if (step.released() > 0) {
                LOG.info("event=deferred_released jobs={} tenants_waiting={}", step.released(), step.deferred().size());
            }
        } catch (RuntimeException e) {
            // Redis away: the jobs stay deferred and the next step tries again.
            LOG.warn("event=deferred_release_failed reason={}", e.getClass().getSimpleName());
        }
    }

    @Override
    public void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
