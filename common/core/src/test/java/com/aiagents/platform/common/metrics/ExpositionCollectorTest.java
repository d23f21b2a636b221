package com.aiagents.platform.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ExpositionCollectorTest {
    private static String expose(PrometheusMetrics metrics) throws Exception {
        StringWriter out = new StringWriter();
        TextFormat.write004(out, metrics.exposition().metricFamilySamples());
        return out.toString();
    }

    @Test
    void clashingNamesAreExposedOnceAndOursWin() throws Exception {
        MetricRegistry dropwizard = new MetricRegistry();
        dropwizard.timer("jersey.requests.total");   // summary jersey_requests_total → jersey_requests
        dropwizard.meter("jersey.requests").mark();   // counter jersey_requests_total
        dropwizard.register("jvm.threads.count", (com.codahale.metrics.Gauge<Integer>) () -> 1);
        dropwizard.register("jvm.threads", (com.codahale.metrics.Gauge<Integer>) () -> 2);
        dropwizard.register("cache.hits", (com.codahale.metrics.Gauge<Integer>) () -> 3);
        dropwizard.counter("cache-hits").inc(4);
        dropwizard.meter("webhook.requests").mark(99); // would be webhook_requests_total, which is ours
        PrometheusMetrics metrics = new PrometheusMetrics(dropwizard);
        Counter.build().name("webhook_requests_total").help("ours").labelNames("tenant_id", "result")
                .register(metrics.registry()).labels("acme-corp", "accepted").inc();

        String exposition = expose(metrics);

        assertThat(ExpositionLint.problems(exposition)).isEmpty();
        assertThat(exposition).containsOnlyOnce("# TYPE jvm_threads gauge");
        assertThat(exposition).containsOnlyOnce("# TYPE webhook_requests_total counter");
        assertThat(exposition).contains("webhook_requests_total{tenant_id=\"acme-corp\",result=\"accepted\",} 1.0");
        assertThat(exposition).doesNotContain("webhook_requests_total 99.0");
        assertThat(exposition).containsOnlyOnce("\ncache_hits ");
    }

    @Test
    void eachApplicationHasItsOwnRegistry() {
        PrometheusMetrics first = new PrometheusMetrics(new MetricRegistry());
        PrometheusMetrics second = new PrometheusMetrics(new MetricRegistry());
        Counter.build().name("worker_jobs_total").help("h").register(first.registry());
        assertThatCode(() -> Counter.build().name("worker_jobs_total").help("h").register(second.registry()))
                .doesNotThrowAnyException();
    }

    @Test
    void namesBecomeSnakeCase() {
        assertThat(PromtoolNames.snakeCase("org_eclipse_jetty_util_thread_QueuedThreadPool_dw_size"))
                .isEqualTo("org_eclipse_jetty_util_thread_queued_thread_pool_dw_size");
        assertThat(PromtoolNames.snakeCase("jvm_memory_pools_CodeHeap__non_nmethods__used"))
                .isEqualTo("jvm_memory_pools_code_heap_non_nmethods_used");
        assertThat(PromtoolNames.snakeCase("HTTPServer_requests")).isEqualTo("http_server_requests");
        assertThat(PromtoolNames.snakeCase("1xx_responses:rate")).isEqualTo("_1xx_responses_rate");
    }
}
