package com.aiagents.platform.gates.support;

import com.aiagents.platform.sdp.SdpClientConfig;
import com.aiagents.platform.sdp.SdpClientFactory;
import com.aiagents.platform.sdp.SdpConnection;
import com.aiagents.platform.sdp.model.NewSdpNote;
import com.aiagents.platform.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Stand-ins, on one mockwebserver3, for the services that have not landed on main yet, each
 * speaking its documented contract (CONTRACT section 4, docs/api/internal.md):
 * <ul>
 *   <li>webhook-gateway {@code POST /webhook/servicedesk}: checks the HMAC or the token with the
 *       tenant's secret, answers 202 with a job id, and hands the job to the "worker";</li>
 *   <li>enhancement-worker: a job becomes an {@code enhancement_history} row (as the runtime role,
 *       in the tenant's context), a note posted with sdp-client on the request in the tenant's SDP
 *       (the simulator), and the row {@code posted}; and
 *       {@code POST /internal/v1/determinism-probe} with configurable stage hashes;</li>
 *   <li>provisioning-service {@code GET /v1/tenants/{id}/kubernetes} with objects present or not.</li>
 * </ul>
 */
public final class FakePeers implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The key the stand-in LLM endpoint ({@code <url>/llm/v1}) accepts. */
    public static final String LLM_KEY = "sk-test-llm-key-5e2b";

    private final MockWebServer server = new MockWebServer();
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private final TestDatabase database;
    private final SdpClientFactory sdp = new SdpClientFactory(SdpClientConfig.defaults());
    private final Map<String, SdpConnection> connections = new ConcurrentHashMap<>();
    private final String serviceToken;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, Boolean> tokenMode = new ConcurrentHashMap<>();
    private volatile boolean workerRunning = true;
    private volatile String nonDeterministicStage;
    private volatile String missingObject;

    public FakePeers(TestDatabase database, String serviceToken) throws IOException {
        this.database = database;
        this.serviceToken = serviceToken;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return handle(request);
            }
        });
        server.start();
    }

    public String url() {
        return server.url("/").toString().replaceAll("/$", "");
    }

    /** What the gateway and the worker would get from tenant-service's runtime config. */
    public void tenant(String tenantId, String webhookMode, String webhookSecret, String servicedeskUrl, String apiKey) {
        secrets.put(tenantId, webhookSecret);
        tokenMode.put(tenantId, "token".equals(webhookMode));
        connections.put(tenantId, SdpConnection.onPrem(tenantId, servicedeskUrl, apiKey));
    }

    /** A stopped worker: webhooks are still accepted and enqueued, nothing processes them. */
    public void workerRunning(boolean running) {
        this.workerRunning = running;
    }

    /** Makes the determinism probe's runs differ from this stage on (null: all identical). */
    public void nonDeterministicFrom(String stage) {
        this.nonDeterministicStage = stage;
    }

    /** Makes provisioning report this object missing (null: everything present). */
    public void missingKubernetesObject(String name) {
        this.missingObject = name;
    }

    private MockResponse handle(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/webhook/servicedesk") && request.getMethod().equals("POST")) {
            return webhook(request);
        }
        if (path.equals("/llm/v1/models")) {
            return llm(request);
        }
        if (!("Bearer " + serviceToken).equals(request.getHeaders().get("Authorization"))) {
            return json(401, "{\"code\":401,\"error\":\"unauthorized\",\"message\":\"token required\"}");
        }
        if (path.equals("/internal/v1/determinism-probe") && request.getMethod().equals("POST")) {
            return probe(readJson(request));
        }
        if (path.startsWith("/v1/tenants/") && path.endsWith("/kubernetes")) {
            return kubernetes(path.split("/")[3]);
        }
        return json(404, "{\"code\":404,\"error\":\"not_found\",\"message\":\"no such path\"}");
    }

    /** An OpenAI-compatible endpoint's {@code GET /models}, for one API key. */
    private MockResponse llm(RecordedRequest request) {
        if (!("Bearer " + LLM_KEY).equals(request.getHeaders().get("Authorization"))) {
            return json(401, "{\"error\":{\"message\":\"invalid api key\"}}");
        }
        return json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"test/model\",\"object\":\"model\"}]}");
    }

    private MockResponse webhook(RecordedRequest request) {
        String tenant = request.getUrl().queryParameter("tenant_id");
        String secret = secrets.get(tenant);
        if (secret == null) {
            return json(404, "{\"code\":404,\"error\":\"tenant_not_found\",\"message\":\"unknown tenant\"}");
        }
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
        // the tenant's mode decides which header counts, as in the gateway
        boolean token = tokenMode.getOrDefault(tenant, false);
        String header = request.getHeaders().get(token ? "X-Webhook-Token" : "X-ServiceDesk-Signature");
        String presented = header == null ? null : token ? header : header.toLowerCase();
        String expected = token ? secret : hmac(secret, body);
        if (presented == null) {
            return json(401, "{\"code\":401,\"error\":\"signature_missing\",\"message\":\"no signature\"}");
        }
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))) {
            return json(403, "{\"code\":403,\"error\":\"signature_invalid\",\"message\":\"bad signature\"}");
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(body);
        } catch (IOException e) {
            return json(400, "{\"code\":400,\"error\":\"invalid_json\",\"message\":\"not JSON\"}");
        }
        String jobId = UUID.randomUUID().toString();
        String ticket = payload.path("ticket_id").asText();
        if (workerRunning) {
            worker.submit(() -> process(tenant, ticket, payload.path("event").asText("request_created"), jobId));
        }
        return json(202, "{\"status\":\"accepted\",\"job_id\":\"" + jobId + "\"}");
    }

    private Void process(String tenant, String ticket, String event, String jobId) throws SQLException {
        try (Connection c = database.connectAsRuntime()) {
            c.setAutoCommit(false);
            inTenant(c, tenant, "INSERT INTO enhancement_history (tenant_id, ticket_id, event_key, job_id, status) "
                    + "VALUES (?, ?, ?, ?, 'posting')", tenant, ticket, event, jobId);
            String noteId = sdp.clientFor(connections.get(tenant)).addNote(ticket,
                    NewSdpNote.internal("<h3>AI-Generated Enhancement</h3><p>Ref ENH-" + jobId + "</p>")).id();
            inTenant(c, tenant, "UPDATE enhancement_history SET status = 'posted', sdp_note_id = ? "
                    + "WHERE tenant_id = ? AND job_id = ?", noteId, tenant, jobId);
        }
        return null;
    }

    private static void inTenant(Connection c, String tenant, String sql, String... values) throws SQLException {
        try (PreparedStatement set = c.prepareStatement("SELECT set_config('app.current_tenant_id', ?, true)")) {
            set.setString(1, tenant);
            set.execute();
        }
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                st.setString(i + 1, values[i]);
            }
            st.executeUpdate();
        }
        c.commit();
    }

    private MockResponse probe(JsonNode request) {
        int runs = request.path("runs").asInt(3);
        ObjectNode answer = JSON.createObjectNode();
        answer.put("tenant_id", request.path("tenant_id").asText());
        ArrayNode list = answer.putArray("runs");
        String differing = nonDeterministicStage;
        for (int i = 0; i < runs; i++) {
            ObjectNode run = list.addObject();
            boolean drift = false;
            ObjectNode stages = JSON.createObjectNode();
            for (String stage : new String[] {"context", "prompt", "synthesis"}) {
                drift |= stage.equals(differing);
                stages.put(stage, sha256(stage + (drift ? "-run" + i : "")));
            }
            run.put("hash", sha256(stages.toString()));
            run.set("stages", stages);
        }
        answer.put("identical", differing == null);
        if (differing == null) {
            answer.putNull("first_differing_stage");
        } else {
            answer.put("first_differing_stage", differing);
        }
        return json(200, answer.toString());
    }

    private MockResponse kubernetes(String tenant) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("tenant_id", tenant);
        answer.put("tier", "basic");
        ArrayNode objects = answer.putArray("objects");
        String name = "tenant-" + tenant + "-credentials";
        objects.addObject().put("kind", "Secret").put("namespace", "ai-agents").put("name", name)
                .put("state", name.equals(missingObject) ? "missing" : "present");
        answer.put("converged", missingObject == null);
        return json(200, answer.toString());
    }

    private static JsonNode readJson(RecordedRequest request) {
        try {
            return JSON.readTree(request.getBody() == null ? "{}" : request.getBody().utf8());
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void close() throws IOException {
        worker.shutdownNow();
        sdp.close();
        server.close();
    }
}
