package com.aiagents.platform.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.common.support.Http;
import com.aiagents.platform.common.support.Http.Reply;
import io.dropwizard.core.Configuration;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.prometheus.client.CollectorRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class PrometheusMetricsTest {
    private static final DropwizardAppExtension<Configuration> APP =
            new DropwizardAppExtension<>(MetricsTestApp.class, ResourceHelpers.resourceFilePath("test-server.yml"));

    private static Reply scrape() {
        // traffic first, so Jetty's request metrics have samples in several families
        assertThat(Http.get("http://127.0.0.1:" + APP.getLocalPort() + "/hello").status()).isEqualTo(200);
        assertThat(Http.get("http://127.0.0.1:" + APP.getLocalPort() + "/no-such-path").status()).isEqualTo(404);
        return Http.get("http://127.0.0.1:" + APP.getAdminPort() + "/metrics");
    }

    @Test
    void adminMetricsIsPrometheusTextWithOurLabelledCounter() {
        Reply reply = scrape();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/plain").contains("version=0.0.4");
        assertThat(reply.body()).contains("# TYPE webhook_requests_total counter\n");
        assertThat(reply.body()).containsPattern(
                "\nwebhook_requests_total\\{tenant_id=\"acme-corp\",result=\"accepted\",?} 3\\.0\n");
    }

    @Test
    void jvmAndDropwizardMetricsAreThereInSnakeCase() {
        String body = scrape().body();
        assertThat(body).contains("# TYPE jvm_memory_bytes_used gauge\n", "# TYPE jvm_threads_current gauge\n");
        assertThat(body).contains("# TYPE io_dropwizard_jetty_mutable_servlet_context_handler_requests summary\n");
        assertThat(body).contains("# TYPE jvm_threads gauge\n"); // Dropwizard's jvm.threads.count, lint-clean
    }

    @Test
    void aCircuitBreakerReportedByAHealthCheckIsAGaugeAndNoOtherCheckRuns() {
        int databaseChecks = MetricsTestApp.DATABASE_CHECK_RUNS.get();
        assertThat(scrape().body()).contains("# TYPE circuit_breaker_open gauge\n")
                .contains("\ncircuit_breaker_open{circuit=\"peer\",} 0.0\n");
        MetricsTestApp.PEER_CIRCUIT.transitionToOpenState();
        try {
            assertThat(scrape().body()).contains("\ncircuit_breaker_open{circuit=\"peer\",} 1.0\n");
        } finally {
            MetricsTestApp.PEER_CIRCUIT.transitionToClosedState();
        }
        assertThat(scrape().body()).contains("\ncircuit_breaker_open{circuit=\"peer\",} 0.0\n")
                .doesNotContain("circuit=\"database\"");
        assertThat(MetricsTestApp.DATABASE_CHECK_RUNS.get()).as("a scrape runs no dependency check").isEqualTo(databaseChecks);
    }

    @Test
    void expositionPassesThePromtoolChecks() {
        assertThat(ExpositionLint.problems(scrape().body())).isEmpty();
    }

    @Test
    void theStaticDefaultRegistryIsNotUsed() {
        scrape();
        assertThat(CollectorRegistry.defaultRegistry.getSampleValue("webhook_requests_total",
                new String[] {"tenant_id", "result"}, new String[] {"acme-corp", "accepted"})).isNull();
    }
}
