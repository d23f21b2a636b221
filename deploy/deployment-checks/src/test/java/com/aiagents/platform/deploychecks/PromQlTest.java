package com.aiagents.platform.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void namesAreTheSeriesReadNotFunctionsLabelsOrKeywords() {
        assertThat(PromQl.metricNames("""
                sum by (tenant_id) (rate(enhancement_requests_total{outcome!~"retry|dead"}[5m]))
                  / on(tenant_id) group_left sum by (tenant_id) (rate(enhancement_requests_total[$__rate_interval]))
                """)).containsExactly("enhancement_requests_total");
        assertThat(PromQl.metricNames("absent(worker_active_tasks) and on() max(redis_queue_depth{queue=\"a:b\"}) > 0"))
                .containsExactly("worker_active_tasks", "redis_queue_depth");
    }

    @Test
    void bareNamesAndRecordedSeriesCount() {
        assertThat(PromQl.metricNames("max by (service, circuit) (circuit_breaker_open) == 1"))
                .containsExactly("circuit_breaker_open");
        assertThat(PromQl.metricNames("tenant:webhook_auth_failures:rate5m * 60 > 5"))
                .containsExactly("tenant:webhook_auth_failures:rate5m");
        assertThat(PromQl.metricNames("histogram_quantile(0.95, sum by (le) (rate(x_bucket{tenant_id=\"$tenant_id\"}[5m])))"))
                .containsExactly("x_bucket");
    }
}
