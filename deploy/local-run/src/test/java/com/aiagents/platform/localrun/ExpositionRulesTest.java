package com.aiagents.platform.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Java-side lint finds what promtool check metrics finds in our expositions. */
class ExpositionRulesTest {

    @Test
    void acceptsAWellFormedExposition() {
        assertThat(ExpositionRules.violations("""
                # HELP webhook_requests_total Webhooks by result.
                # TYPE webhook_requests_total counter
                webhook_requests_total{tenant_id="acme-corp",result="accepted",} 3.0
                # TYPE enhancement_request_duration_seconds histogram
                enhancement_request_duration_seconds_bucket{tenant_id="acme-corp",le="1.0",} 1.0
                enhancement_request_duration_seconds_count{tenant_id="acme-corp",} 1.0
                enhancement_request_duration_seconds_sum{tenant_id="acme-corp",} 0.4
                # TYPE redis_queue_depth gauge
                redis_queue_depth{queue="{enhancement_queue}:dead",} 0.0
                """)).isEmpty();
    }

    @Test
    void findsWhatPromlintFinds() {
        assertThat(ExpositionRules.violations("""
                # TYPE queue_depth_gauge_running gauge
                queue_depth_gauge_running 1.0
                # TYPE jobs counter
                jobs 2.0
                # TYPE threads_count gauge
                threads_count 4.0
                # TYPE a gauge
                a 1.0
                a 1.0
                b 1.0
                """)).containsExactlyInAnyOrder(
                "queue_depth_gauge_running names a metric type ('gauge')",
                "counter jobs does not end in _total",
                "gauge threads_count carries a _count/_sum/_bucket suffix",
                "series twice: a",
                "b is outside its family a");
    }
}
