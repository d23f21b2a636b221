package com.aiagents.platform.gates.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.tracing.PlatformTracing;
import com.aiagents.platform.common.tracing.SpanNames;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.prometheus.client.CollectorRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The runner's own rules: one run per tenant, a bound per gate, a crashing gate fails with its
 * reason, and a span per run and per gate. The gates are lambdas; the tenant comes from the real
 * tenant-service in-process.
 */
class GateRunnerTest {
    private static final TenantId TENANT = TenantId.of("acme-corp");
    private static final ObjectMapper JSON = JsonMapper.create();

    @RegisterExtension
    static final TenantServiceExtension TENANTS = new TenantServiceExtension();

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final GateMetrics metrics = new GateMetrics(new CollectorRegistry());
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();

    @BeforeAll
    static void aTenant() {
        JsonHttp.Reply created = new JsonHttp(TENANTS.baseUrl()).post("/v1/tenants", TenantServiceExtension.ADMIN_TOKEN,
                "{\"tenant_id\":\"acme-corp\",\"name\":\"Acme\",\"tier\":\"basic\","
                + "\"admin_contact_email\":\"admin@acme.example\",\"servicedesk_url\":\"https://sdp.acme.example\","
                + "\"servicedesk_edition\":\"onprem\",\"servicedesk_credentials\":{\"api_key\":\"SDP-KEY-acme\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
        sdk.close();
    }

    @Test
    void aSecondRunForTheSameTenantIsRefusedWhileTheFirstRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean started = new AtomicBoolean();
        GateRunner runner = runner(Duration.ofSeconds(30), gate(1, context -> {
            started.set(true);
            release.await();
            return GateOutcome.pass("ok", Map.of());
        }));

        CompletableFuture<GateRun> first = CompletableFuture.supplyAsync(() -> runner.run(TENANT, List.of(1), false),
                executor);
        await().atMost(Duration.ofSeconds(10)).untilTrue(started);

        assertThatThrownBy(() -> runner.run(TENANT, List.of(1), false)).isInstanceOf(GateRunner.RunInProgress.class)
                .hasMessage("a gate run for tenant acme-corp is already in progress");
        release.countDown();
        assertThat(first.get().passed()).isTrue();
        assertThat(runner.run(TENANT, List.of(1), false).passed()).as("free again once the first ended").isTrue();
    }

    @Test
    void aGateThatOverrunsItsBoundFailsAsTimedOut() {
        CountDownLatch never = new CountDownLatch(1);
        GateRunner runner = runner(Duration.ofMillis(200), gate(2, context -> {
            never.await();
            return GateOutcome.pass("unreachable", Map.of());
        }));

        GateResult result = runner.run(TENANT, List.of(2), false).results().get(0);

        assertThat(result.passed()).isFalse();
        assertThat(result.summary()).isEqualTo("Gate timed out after 200 ms");
        assertThat(metrics.runs(2, "fail")).isEqualTo(1.0);
    }

    @Test
    void aGateThatThrowsFailsWithTheReasonButNeverAForeignMessage() {
        GateRunner runner = runner(Duration.ofSeconds(30),
                gate(3, context -> {
                    throw new PeerCallException("POST http://127.0.0.1:8080/webhook/servicedesk failed: ConnectException");
                }),
                gate(4, context -> {
                    throw new IllegalStateException("jdbc:postgresql://app:hunter2@db/x refused");
                }));

        List<GateResult> results = runner.run(TENANT, List.of(3, 4), false).results();

        assertThat(results.get(0).summary()).isEqualTo(
                "Gate could not run: POST http://127.0.0.1:8080/webhook/servicedesk failed: ConnectException");
        assertThat(results.get(1).summary()).isEqualTo("Gate could not run: IllegalStateException");
    }

    @Test
    void anUnknownTenantAndAnUnknownGateAreRefused() {
        GateRunner runner = runner(Duration.ofSeconds(30), gate(1, context -> GateOutcome.pass("ok", Map.of())));

        assertThatThrownBy(() -> runner.run(TenantId.of("nobody-here"), List.of(1), false))
                .isInstanceOf(GateRunner.TenantNotFound.class);
        assertThatThrownBy(() -> runner.run(TENANT, List.of(7), false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("there is no gate 7; gates are [1]");
    }

    @Test
    void aRunThatCannotStartEndsItsSpanAsFailed() {
        GateRunner runner = runner(Duration.ofSeconds(30), gate(1, context -> GateOutcome.pass("ok", Map.of())));

        assertThatThrownBy(() -> runner.run(TenantId.of("nobody-here"), List.of(1), false))
                .isInstanceOf(GateRunner.TenantNotFound.class);

        SpanData run = only(SpanNames.GATE_RUN);
        assertThat(run.getStatus().getStatusCode()).as("an unknown tenant's run is not a success").isEqualTo(StatusCode.ERROR);
    }

    @Test
    void eachGateIsASpanUnderTheRunAndTheGatesOwnWorkRunsInsideIt() {
        AtomicReference<String> seenByGate = new AtomicReference<>();
        GateRunner runner = runner(Duration.ofSeconds(30),
                gate(1, context -> GateOutcome.pass("ok", Map.of())),
                gate(2, context -> {
                    seenByGate.set(Span.current().getSpanContext().getSpanId());
                    return GateOutcome.fail("Non-deterministic stage 'context'", Map.of());
                }));

        runner.run(TENANT, List.of(1, 2), false);

        SpanData run = only(SpanNames.GATE_RUN);
        assertThat(run.getAttributes().get(AttributeKey.stringKey("tenant_id"))).isEqualTo("acme-corp");
        assertThat(run.getStatus().getStatusCode()).as("a run with a failed gate").isEqualTo(StatusCode.ERROR);
        List<SpanData> gates = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(SpanNames.GATE)).toList();
        assertThat(gates).extracting(s -> s.getAttributes().get(AttributeKey.stringKey("gate"))).containsExactly("1", "2");
        assertThat(gates).allSatisfy(gate -> {
            assertThat(gate.getParentSpanId()).isEqualTo(run.getSpanId());
            assertThat(gate.getAttributes().get(AttributeKey.stringKey("tenant_id"))).isEqualTo("acme-corp");
        });
        assertThat(gates).extracting(s -> s.getStatus().getStatusCode()).containsExactly(StatusCode.UNSET, StatusCode.ERROR);
        assertThat(seenByGate.get()).as("the gate's thread runs in its span").isEqualTo(gates.get(1).getSpanId());
        assertThat(spans.getFinishedSpanItems()).filteredOn(s -> s.getName().startsWith("HTTP GET"))
                .as("the runtime-config call, a child of the run").singleElement()
                .satisfies(call -> assertThat(call.getParentSpanId()).isEqualTo(run.getSpanId()));
    }

    private SpanData only(String name) {
        List<SpanData> named = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(named).as(name).hasSize(1);
        return named.get(0);
    }

    private GateRunner runner(Duration timeout, Gate... gates) {
        String url = TENANTS.baseUrl();
        PlatformTracing tracing = PlatformTracing.of(sdk);
        PlatformServices services = new PlatformServices(new PeerHttp(new OkHttpClient.Builder()
                .addInterceptor(tracing.clientInterceptor()).build(), JSON), JSON, url, url, url, url,
                TenantServiceExtension.GATES_TOKEN);
        return new GateRunner(List.of(gates), services, null, metrics, executor, timeout, Clock.systemUTC(), tracing);
    }

    private static Gate gate(int number, Body body) {
        return new Gate() {
            @Override
            public int number() {
                return number;
            }

            @Override
            public String name() {
                return "Gate " + number;
            }

            @Override
            public GateOutcome run(GateContext context) throws Exception {
                return body.run(context);
            }
        };
    }

    @FunctionalInterface
    private interface Body {
        GateOutcome run(GateContext context) throws Exception;
    }
}
