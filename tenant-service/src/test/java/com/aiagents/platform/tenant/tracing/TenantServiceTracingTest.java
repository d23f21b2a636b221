package com.aiagents.platform.tenant.tracing;

import static com.aiagents.platform.tenant.testing.TenantServiceExtension.OPERATOR_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.GATES_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.JsonHttp.Reply;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import com.aiagents.platform.testing.otlp.OtlpReceiver;
import com.aiagents.platform.testing.otlp.ReceivedSpan;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** tenant-service with tracing on, exporting over OTLP/HTTP to a local collector, as in production. */
class TenantServiceTracingTest {
    private static final OtlpReceiver COLLECTOR = OtlpReceiver.start();

    @RegisterExtension
    static final TenantServiceExtension SERVICE = new TenantServiceExtension().withTracingTo(COLLECTOR.endpoint());

    private static final String CALLER_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String CALLER_SPAN = "b7ad6b7169203331";

    @AfterAll
    static void stopCollector() {
        COLLECTOR.close();
    }

    private static ReceivedSpan awaitSpan(String name, String tenantId) {
        return await().atMost(Duration.ofSeconds(15)).until(
                () -> COLLECTOR.spans(name).stream().filter(s -> tenantId == null || tenantId.equals(s.attribute("tenant_id")))
                        .findFirst().orElse(null),
                span -> span != null);
    }

    private static String create(String tenantId, String apiKey) throws Exception {
        String body = """
                {"tenant_id": "%s", "name": "Acme Corporation", "tier": "basic",
                 "admin_contact_email": "admin@acme.example",
                 "servicedesk_url": "https://acme.sdpondemand.example", "servicedesk_edition": "onprem",
                 "servicedesk_credentials": {"api_key": "%s"}}""".formatted(tenantId, apiKey);
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(SERVICE.baseUrl() + "/v1/tenants"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + OPERATOR_TOKEN)
                .header("traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return created.body();
    }

    @Test
    void aCallersTraceContinuesIntoTenantServiceWithTheRouteAndTenantOnEachSpan() throws Exception {
        String tenantId = "trace-" + UUID.randomUUID().toString().substring(0, 8);
        create(tenantId, "SDP-TECH-KEY-" + UUID.randomUUID());
        assertThat(new JsonHttp(SERVICE.baseUrl()).get("/v1/tenants/" + tenantId, OPERATOR_TOKEN).status()).isEqualTo(200);

        ReceivedSpan created = awaitSpan("POST /v1/tenants", null);
        assertThat(created.service()).isEqualTo("tenant-service");
        assertThat(created.kind()).isEqualTo("SERVER");
        assertThat(created.traceId()).isEqualTo(CALLER_TRACE);
        assertThat(created.parentSpanId()).isEqualTo(CALLER_SPAN);
        assertThat(created.attribute("http.response.status_code")).isEqualTo("201");

        ReceivedSpan fetched = awaitSpan("GET /v1/tenants/{tenant_id}", tenantId);
        assertThat(fetched.attribute("http.route")).isEqualTo("/v1/tenants/{tenant_id}");
        assertThat(fetched.isRoot()).isTrue(); // no traceparent sent: a trace of its own
    }

    @Test
    void anUnauthenticatedRequestIsTracedToo() {
        assertThat(new JsonHttp(SERVICE.baseUrl()).get("/v1/tenants", null).status()).isEqualTo(401);
        ReceivedSpan refused = await().atMost(Duration.ofSeconds(15)).until(
                () -> COLLECTOR.spans("GET /v1/tenants").stream()
                        .filter(s -> "401".equals(s.attribute("http.response.status_code"))).findFirst().orElse(null),
                span -> span != null);
        assertThat(refused.statusCode()).isNotEqualTo(ReceivedSpan.STATUS_ERROR); // a 4xx is the caller's fault
    }

    @Test
    void noSecretReachesTheCollector() throws Exception {
        String tenantId = "secret-" + UUID.randomUUID().toString().substring(0, 8);
        String apiKey = "SDP-TECH-KEY-" + UUID.randomUUID();
        String webhookSecret = new ObjectMapper().readTree(create(tenantId, apiKey)).at("/webhook/secret").asText();
        Reply runtime = new JsonHttp(SERVICE.baseUrl()).get("/internal/v1/tenants/" + tenantId + "/runtime-config", GATES_TOKEN);
        assertThat(runtime.status()).isEqualTo(200);
        assertThat(runtime.body()).contains(apiKey); // the service role does get the secrets...

        awaitSpan("GET /internal/v1/tenants/{tenant_id}/runtime-config", tenantId);
        assertThat(webhookSecret).hasSize(64);
        for (String secret : List.of(apiKey, webhookSecret, OPERATOR_TOKEN, GATES_TOKEN, SERVICE.encryptionKey())) {
            assertThat(COLLECTOR.anyPayloadContains(secret)).as("a secret in an export").isFalse(); // ...the trace never
        }
        assertThat(COLLECTOR.rejections()).isEmpty();
    }
}
