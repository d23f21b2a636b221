package com.aiagents.platform.provisioning.support;

import com.aiagents.platform.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * gates-runner's {@code POST /v1/gate-runs} as docs/api/internal.md documents it, on a
 * mockwebserver3 until gates-runner lands. Like the real one it records every gate in
 * {@code gate_runs} (as the runtime role, in the tenant's context), which is what lets
 * tenant-service activate. Its gates are stand-ins that still touch the real dependencies:
 * gate 3 reads the tenant's runtime config from tenant-service and lists requests on its SDP (the
 * SDP simulator) with the tenant's key, gate 4 asks
 * provisioning-service whether the tenant's Kubernetes objects are converged.
 */
public final class FakeGatesRunner extends FakeService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NAMES = List.of("RLS Harness", "Determinism Proof", "Golden Path E2E",
            "Integrations Contract");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final TestDatabase database;
    private final String serviceToken;
    private final String tenantServiceUrl;
    private final List<String> runs = new CopyOnWriteArrayList<>();
    private volatile String provisioningUrl;
    private volatile int failingGate;
    private volatile CountDownLatch hold;
    private volatile CountDownLatch arrived = new CountDownLatch(1);

    public FakeGatesRunner(TestDatabase database, String serviceToken, String tenantServiceUrl) {
        this.database = database;
        this.serviceToken = serviceToken;
        this.tenantServiceUrl = tenantServiceUrl;
    }

    /** Where gate 4 asks for the tenant's Kubernetes status; without it gate 4 passes on its own. */
    public void setProvisioningUrl(String provisioningUrl) {
        this.provisioningUrl = provisioningUrl;
    }

    /** Makes {@code gate} fail (a failed run, answered 200 like the real one); 0 for none. */
    public void failGate(int gate) {
        this.failingGate = gate;
    }

    /** Holds every run until {@link #release()}; {@link #awaitArrival()} waits for the first held one. */
    public void hold() {
        arrived = new CountDownLatch(1);
        hold = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch latch = hold;
        hold = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    public boolean awaitArrival() throws InterruptedException {
        return arrived.await(30, TimeUnit.SECONDS);
    }

    /** Tenant ids of the runs asked for, in order. */
    public List<String> runs() {
        return List.copyOf(runs);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        MockResponse unauthorized = requireToken(request, serviceToken);
        if (unauthorized != null) {
            return unauthorized;
        }
        if (!"POST".equals(request.getMethod()) || !"/v1/gate-runs".equals(request.getUrl().encodedPath())) {
            return notFound();
        }
        JsonNode body = read(request.getBody() == null ? "" : request.getBody().utf8());
        String tenantId = body.path("tenant_id").asText();
        runs.add(tenantId);
        CountDownLatch latch = hold;
        arrived.countDown();
        if (latch != null) {
            latch.await(60, TimeUnit.SECONDS);
        }
        String runId = UUID.randomUUID().toString();
        Instant started = Instant.now();
        ObjectNode answer = JSON.createObjectNode().put("run_id", runId).put("tenant_id", tenantId);
        ArrayNode gates = answer.putArray("gates");
        boolean all = true;
        for (int gate = 1; gate <= 4; gate++) {
            String failure = failingGate == gate ? "failed on purpose by the test" : check(gate, tenantId);
            boolean passed = failure == null;
            all &= passed;
            String summary = passed ? "passed" : failure;
            gates.addObject().put("gate", gate).put("name", NAMES.get(gate - 1)).put("passed", passed)
                    .put("summary", summary).put("duration_ms", 1).putObject("details");
            record(runId, tenantId, gate, passed, summary, started);
        }
        answer.put("passed", all).put("report", "=== Tenant Onboarding Validation ===\nTenant: " + tenantId);
        return json(200, answer.toString());
    }

    private String check(int gate, String tenantId) {
        try {
            if (gate == 3) {
                JsonNode config = get(tenantServiceUrl + "/internal/v1/tenants/" + tenantId + "/runtime-config");
                JsonNode servicedesk = config.path("servicedesk");
                HttpResponse<String> reply = http.send(HttpRequest.newBuilder(
                                URI.create(servicedesk.path("url").asText() + "/api/v3/requests"))
                        .header("authtoken", servicedesk.path("credentials").path("api_key").asText())
                        .header("Accept", "application/vnd.manageengine.sdp.v3+json")
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                boolean ok = reply.statusCode() == 200 && reply.body().contains("\"status_code\":2000");
                return ok ? null : "SDP answered " + reply.statusCode();
            }
            if (gate == 4 && provisioningUrl != null) {
                JsonNode status = get(provisioningUrl + "/v1/tenants/" + tenantId + "/kubernetes");
                return status.path("converged").asBoolean(false) ? null : "Kubernetes objects not converged";
            }
            return null;
        } catch (IOException e) {
            return "unreachable: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + serviceToken).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 200) {
            throw new IOException("GET answered " + reply.statusCode());
        }
        return read(reply.body());
    }

    /** What gates-runner writes: one row per gate, as the runtime role in the tenant's context. */
    private void record(String runId, String tenantId, int gate, boolean passed, String summary, Instant started) {
        try (Connection c = database.connectAsRuntime()) {
            c.setAutoCommit(false);
            try (PreparedStatement context = c.prepareStatement("SELECT set_config('app.current_tenant_id', ?, true)");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO gate_runs (run_id, tenant_id, gate,"
                         + " gate_name, passed, summary, duration_ms, started_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)")) {
                context.setString(1, tenantId);
                context.execute();
                insert.setString(1, runId);
                insert.setString(2, tenantId);
                insert.setInt(3, gate);
                insert.setString(4, NAMES.get(gate - 1));
                insert.setBoolean(5, passed);
                insert.setString(6, summary);
                insert.setTimestamp(7, Timestamp.from(started));
                insert.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the gate run", e);
        }
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text.isEmpty() ? "{}" : text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        release();
        super.close();
    }
}
