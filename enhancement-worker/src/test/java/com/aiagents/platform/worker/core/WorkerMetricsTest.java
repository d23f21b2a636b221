package com.aiagents.platform.worker.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.worker.queue.ClaimedJob;
import com.aiagents.platform.worker.queue.JobOutcome;
import io.prometheus.client.CollectorRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WorkerMetricsTest {
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void aPostedNoteRecordsTheTimeSinceTheWebhookArrivedAndNothingElseDoes() {
        CollectorRegistry registry = new CollectorRegistry();
        WorkerMetrics metrics = new WorkerMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));

        metrics.finished(job(NOW.minusSeconds(42)), JobOutcome.done("posted"), false);
        metrics.finished(job(NOW.minusSeconds(7)), JobOutcome.done("duplicate"), false);
        metrics.finished(job(NOW.minusSeconds(9)), JobOutcome.retry("sdp_unavailable"), true);

        assertThat(sample(registry, "enhancement_webhook_to_note_seconds_count")).isEqualTo(1.0);
        assertThat(sample(registry, "enhancement_webhook_to_note_seconds_sum")).isEqualTo(42.0);
        assertThat(registry.getSampleValue("enhancement_webhook_to_note_seconds_bucket",
                new String[] {"le"}, new String[] {"30.0"})).isEqualTo(0.0);
        assertThat(registry.getSampleValue("enhancement_webhook_to_note_seconds_bucket",
                new String[] {"le"}, new String[] {"60.0"})).isEqualTo(1.0);
    }

    @Test
    void aJobTheGatewayDeferredCountsFromItsRelease() {
        CollectorRegistry registry = new CollectorRegistry();
        WorkerMetrics metrics = new WorkerMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));
        EnhancementJob deferred = new EnhancementJob("job-2", "acme-corp", "T-2", EnhancementJob.REQUEST_CREATED,
                "created", NOW.minusSeconds(3000), 0, null, 0, NOW.minusSeconds(12));

        metrics.finished(new ClaimedJob("acme-corp", "{}", deferred), JobOutcome.done("posted"), false);

        assertThat(sample(registry, "enhancement_webhook_to_note_seconds_sum")).isEqualTo(12.0);
    }

    private static double sample(CollectorRegistry registry, String name) {
        Double value = registry.getSampleValue(name);
        return value == null ? 0 : value;
    }

    private static ClaimedJob job(Instant receivedAt) {
        EnhancementJob job = new EnhancementJob("job-1", "acme-corp", "T-1", EnhancementJob.REQUEST_CREATED,
                "created", receivedAt, 1, null);
        return new ClaimedJob("acme-corp", "{}", job);
    }

    @Test
    void aJobDeadBecauseSdpRefusedTheKeyCountsForItsTenant() {
        CollectorRegistry registry = new CollectorRegistry();
        WorkerMetrics metrics = new WorkerMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));

        metrics.finished(job(NOW), JobOutcome.dead("sdp_authentication"), false);
        metrics.finished(job(NOW), JobOutcome.dead("sdp_not_found"), false);

        assertThat(registry.getSampleValue("sdp_credentials_rejected_total", new String[] {"tenant_id"},
                new String[] {"acme-corp"})).isEqualTo(1.0);
    }
}
