package com.aiagents.platform.provisioning.support;

import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.sdp.SdpClientConfig;
import com.aiagents.platform.sdp.SdpClientFactory;
import com.aiagents.platform.sdp.SdpConnection;
import com.aiagents.platform.sdp.model.NewSdpNote;
import com.aiagents.platform.testing.TestDatabase;
import com.aiagents.platform.testing.TestRedis;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import redis.clients.jedis.Jedis;

/**
 * The enhancement-worker as far as the gates drive it, until it lands on main, speaking its
 * documented contracts and reading the tenant from the real tenant-service:
 * <ul>
 *   <li>the queue (gate 3): takes each job the real gateway put on {@code enhancement_queue},
 *       records an {@code enhancement_history} row (runtime role, tenant context) {@code posting},
 *       posts a note on the SDP request with sdp-client, then marks it {@code posted};</li>
 *   <li>{@code POST /internal/v1/determinism-probe} (gate 2), on a mockwebserver3.</li>
 * </ul>
 * {@link #hold()} parks gate 2's probe until {@link #release()}, to catch an onboarding mid-gates.
 */
public final class FakePipeline extends FakeService {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread worker = new Thread(this::consume, "fake-worker");
    private final TestRedis redis;
    private volatile boolean running = true;
    private final SdpClientFactory sdp = new SdpClientFactory(SdpClientConfig.defaults());
    private final TestDatabase database;
    private final String serviceToken;
    private final String tenantServiceUrl;
    private final AtomicInteger probes = new AtomicInteger();
    private volatile boolean deterministic = true;
    private volatile CountDownLatch hold;
    private volatile CountDownLatch arrived = new CountDownLatch(1);

    public FakePipeline(TestDatabase database, TestRedis redis, String serviceToken, String tenantServiceUrl) {
        this.database = database;
        this.redis = redis;
        this.serviceToken = serviceToken;
        this.tenantServiceUrl = tenantServiceUrl;
        worker.setDaemon(true);
        worker.start();
    }

    /** false: the probe's runs differ from the synthesis stage on, so gate 2 fails. */
    public void setDeterministic(boolean deterministic) {
        this.deterministic = deterministic;
    }

    /** How many determinism probes (one per gate run) were asked for. */
    public int probes() {
        return probes.get();
    }

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

    /** Waits until a held probe arrived (a gate run is under way). */
    public boolean awaitArrival() throws InterruptedException {
        return arrived.await(30, TimeUnit.SECONDS);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        String path = request.getUrl().encodedPath();
        MockResponse unauthorized = requireToken(request, serviceToken);
        if (unauthorized != null) {
            return unauthorized;
        }
        if ("POST".equals(request.getMethod()) && path.equals("/internal/v1/determinism-probe")) {
            return probe(read(request.getBody() == null ? "{}" : request.getBody().utf8()));
        }
        return notFound();
    }

    /** The worker's loop: claims each job the gateway enqueued and enhances its ticket. */
    private void consume() {
        try (Jedis jedis = redis.connect()) {
            while (running) {
                List<String> popped = jedis.brpop(1, QueueNames.INGRESS);
                if (popped == null || popped.size() < 2) {
                    continue;
                }
                JsonNode job = read(popped.get(1));
                String tenant = job.path("tenant_id").asText();
                JsonNode config = runtimeConfig(tenant);
                if (config != null) {
                    JsonNode servicedesk = config.path("servicedesk");
                    enhance(tenant, job.path("ticket_id").asText(),
                            job.path("event_key").asText(job.path("event").asText("request_created")),
                            job.path("job_id").asText(), SdpConnection.onPrem(tenant, servicedesk.path("url").asText(),
                                    servicedesk.path("credentials").path("api_key").asText()));
                }
            }
        } catch (RuntimeException e) {
            // Redis gone at shutdown: the loop ends
        }
    }

    /** The worker's exactly-once shape: record the intent, post the note, mark it posted. */
    private void enhance(String tenant, String ticket, String event, String jobId, SdpConnection connection) {
        try (Connection c = database.connectAsRuntime()) {
            c.setAutoCommit(false);
            inTenant(c, tenant, "INSERT INTO enhancement_history (tenant_id, ticket_id, event_key, job_id, status)"
                    + " VALUES (?, ?, ?, ?, 'posting')", tenant, ticket, event, jobId);
            String noteId = sdp.clientFor(connection).addNote(ticket,
                    NewSdpNote.internal("<h3>AI-Generated Enhancement</h3><p>Ref ENH-" + jobId + "</p>")).id();
            inTenant(c, tenant, "UPDATE enhancement_history SET status = 'posted', sdp_note_id = ?"
                    + " WHERE tenant_id = ? AND job_id = ?", noteId, tenant, jobId);
        } catch (SQLException | RuntimeException e) {
            // gate 3 reports the stage that never completed
        }
    }

    private MockResponse probe(JsonNode request) throws InterruptedException {
        probes.incrementAndGet();
        CountDownLatch latch = hold;
        arrived.countDown();
        if (latch != null) {
            latch.await(60, TimeUnit.SECONDS);
        }
        boolean same = deterministic;
        ObjectNode answer = JSON.createObjectNode().put("tenant_id", request.path("tenant_id").asText());
        ArrayNode runs = answer.putArray("runs");
        for (int i = 0; i < request.path("runs").asInt(3); i++) {
            ObjectNode stages = JSON.createObjectNode().put("context", sha256("context")).put("prompt", sha256("prompt"))
                    .put("synthesis", sha256("synthesis" + (same ? "" : "-" + i)));
            runs.addObject().put("hash", sha256(stages.toString())).set("stages", stages);
        }
        answer.put("identical", same);
        if (same) {
            answer.putNull("first_differing_stage");
        } else {
            answer.put("first_differing_stage", "synthesis");
        }
        return json(200, answer.toString());
    }

    private JsonNode runtimeConfig(String tenant) {
        try {
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(
                            URI.create(tenantServiceUrl + "/internal/v1/tenants/" + tenant + "/runtime-config"))
                    .header("Authorization", "Bearer " + serviceToken).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return reply.statusCode() == 200 ? read(reply.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void inTenant(Connection c, String tenant, String sql, String... values) throws SQLException {
        try (PreparedStatement context = c.prepareStatement("SELECT set_config('app.current_tenant_id', ?, true)");
             PreparedStatement statement = c.prepareStatement(sql)) {
            context.setString(1, tenant);
            context.execute();
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
        c.commit();
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text.isEmpty() ? "{}" : text);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        release();
        running = false;
        try {
            worker.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sdp.close();
        super.close();
    }
}
