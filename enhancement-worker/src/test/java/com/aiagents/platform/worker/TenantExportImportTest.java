package com.aiagents.platform.worker;

import static com.aiagents.platform.worker.support.WorkerEnvironment.ADMIN;
import static com.aiagents.platform.worker.support.WorkerEnvironment.OPERATOR;
import static com.aiagents.platform.worker.support.WorkerEnvironment.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.worker.db.FeedbackDao;
import com.aiagents.platform.worker.db.TicketHistoryDao;
import com.aiagents.platform.worker.db.TicketRecord;
import com.aiagents.platform.worker.support.WorkerEnvironment;
import com.aiagents.platform.worker.support.WorkerEnvironment.Tenant;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tenant's export and its import into a new tenant (docs/api/enhancement-worker.md#export-and-import-admin-operator),
 * against real tenant-service, PostgreSQL and Redis, the worker as its own database role: the new
 * tenant's history, KB, inventory, enhancements and feedback are the old one's (MSP accounts
 * included), the file holds no secret and no embedding, the backfill embeds the imported rows, and
 * every refused import leaves the tenant exactly as empty as it was.
 */
class TenantExportImportTest {
    private static final ObjectMapper JSON = JsonMapper.create();
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** more than a page of the export and a batch of the import */
    private static final int TICKETS = 620;

    @RegisterExtension
    static WorkerEnvironment env = new WorkerEnvironment(Map.of());

    @Test
    void anExportImportedIntoANewTenantReproducesItsData() throws Exception {
        Tenant source = env.createTenant("export-src", null);
        seed(source.id());

        HttpResponse<String> exported = exportOf("export-src", OPERATOR);
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        List<JsonNode> lines = lines(exported.body());
        assertThat(lines.get(0).get("type").asText()).isEqualTo("header");
        assertThat(lines.get(0).get("format").asText()).isEqualTo("aiagents-tenant-export");
        assertThat(lines.get(0).get("version").asInt()).isEqualTo(1);
        assertThat(lines.get(0).get("tenant_id").asText()).isEqualTo("export-src");
        JsonNode end = lines.get(lines.size() - 1);
        assertThat(end.get("type").asText()).isEqualTo("end");
        assertThat(end.get("counts").get("ticket_history").asInt()).isEqualTo(TICKETS);
        assertThat(end.get("counts").get("kb_article").asInt()).isEqualTo(2);
        assertThat(end.get("counts").get("inventory_asset").asInt()).isEqualTo(1);
        assertThat(end.get("counts").get("enhancement").asInt()).isEqualTo(3);
        assertThat(end.get("counts").get("feedback").asInt()).isEqualTo(2);
        // no secret, no embedding, no tenant id but the header's
        assertThat(exported.body()).doesNotContain(source.sdpApiKey(), source.webhookSecret(), "embedding",
                "posting_token", "_enc");
        for (JsonNode line : lines.subList(1, lines.size())) {
            assertThat(line.has("tenant_id")).as(line.toString()).isFalse();
        }

        recreateFromTheRecordOf("export-src", "import-dst");
        HttpResponse<String> imported = importInto("import-dst", ADMIN, exported.body());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(imported.body());
        assertThat(answer.get("source_tenant_id").asText()).isEqualTo("export-src");
        assertThat(answer.get("imported").get("ticket_history").asInt()).isEqualTo(TICKETS);

        TenantId target = TenantId.of("import-dst");
        for (String query : COMPARED) {
            assertThat(rows(target, query)).as(query).isEqualTo(rows(source.id(), query)).isNotEmpty();
        }
        assertThat(rows(target, "SELECT account FROM ticket_history WHERE ticket_id = 'T-0001'"))
                .containsExactly("acct-a");

        // the backfill embeds what was imported (the file carries no vector)
        await().atMost(WAIT).until(() -> count(target, "SELECT count(*) FROM ticket_history WHERE embedding IS NULL")
                + count(target, "SELECT count(*) FROM kb_articles WHERE embedding IS NULL") == 0);

        // a second import into the now populated tenant is refused
        HttpResponse<String> again = importInto("import-dst", ADMIN, exported.body());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("\"error\":\"tenant_not_empty\"");

        // both are in the audit log, written through tenant-service as the worker
        await().atMost(WAIT).untilAsserted(() -> assertThat(audit())
                .contains("worker.tenant_export_requested export-src", "worker.tenant_import_requested import-dst",
                        "worker.tenant_imported import-dst"));
    }

    @Test
    void aRefusedImportChangesNothing() throws Exception {
        Tenant source = env.createTenant("export-small", null);
        env.database().inTenant(source.id(), h -> new TicketHistoryDao().upsert(h, List.of(
                new TicketRecord("S-1", "Printer offline", "Floor 2 printer", "Power cycled", null, null, "Resolved",
                        "sdp_import", Instant.parse("2026-11-01T10:00:00Z")))));
        long enhancement = enhancement(source.id(), "S-1", "ek-1", "posted", null);
        env.database().inTenant(source.id(), h -> new FeedbackDao().record(h, enhancement, "helpful", "v-1",
                Instant.parse("2026-11-02T10:00:00Z")));
        String good = exportOf("export-small", ADMIN).body();
        env.createTenant("import-empty", null);
        TenantId empty = TenantId.of("import-empty");

        List<String> lines = new ArrayList<>(List.of(good.split("\n")));
        String withoutEnd = String.join("\n", lines.subList(0, lines.size() - 1)) + "\n";
        refused(withoutEnd, "export_incomplete", "no end line");
        refused(good.replace("\"status\":\"posted\"", "\"status\":\"weird\""), "invalid_export",
                "enhancement_history_status_check", "line 3");
        refused(good.replace("\"subject\":\"Printer offline\"", "\"subject\":\"Printer offline\",\"tenant_id\":\"x\""),
                "invalid_export", "ticket_history has no field \\\"tenant_id\\\"", "line 2");
        refused(good.replace("\"version\":1", "\"version\":2"), "unsupported_export_format", "version 2");
        refused(good.replace("\"enhancement_id\":" + enhancement, "\"enhancement_id\":999999999"), "invalid_export",
                "feedback on enhancement 999999999");
        refused(good.replace("\"created_at\":\"2", "\"created_at\":\"yesterday 2"), "invalid_export", "ISO-8601");
        refused(good + "{\"type\":\"ticket_history\"}\n", "invalid_export", "nothing may follow the end line");
        refused("not json\n", "invalid_export", "line 1");
        assertThat(count(empty, "SELECT (SELECT count(*) FROM ticket_history) + (SELECT count(*) FROM enhancement_history)"
                + " + (SELECT count(*) FROM enhancement_feedback)")).isZero();

        // roles, unknown tenants, media type
        assertThat(exportOf("export-small", VIEWER).statusCode()).isEqualTo(403);
        assertThat(importInto("import-empty", VIEWER, good).statusCode()).isEqualTo(403);
        HttpResponse<String> unknown = exportOf("no-such-tenant", ADMIN);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("tenant_not_found");
        assertThat(importInto("no-such-tenant", ADMIN, good).statusCode()).isEqualTo(404);
        JsonHttp.Reply json = new JsonHttp(workerBase()).post("/v1/tenants/import-empty/import", ADMIN, "{}");
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.json().get("error").asText()).isEqualTo("unsupported_media_type");
        assertThat(new JsonHttp(workerBase()).post("/v1/tenants/import-empty/import", null, "{}").status()).isEqualTo(401);

        // and the good file still goes in afterwards, feedback on the new enhancement
        assertThat(importInto("import-empty", OPERATOR, good).statusCode()).isEqualTo(200);
        assertThat(rows(empty, "SELECT e.ticket_id || ' ' || f.vote FROM enhancement_feedback f "
                + "JOIN enhancement_history e ON e.id = f.enhancement_id")).containsExactly("S-1 helpful");
    }

    /** The record's settings that the runbook's restore carries over (docs/runbooks/offboarding.md). */
    private static final List<String> CARRIED = List.of("name", "tier", "admin_contact_email", "servicedesk_url",
            "servicedesk_edition", "servicedesk_msp", "context_scope", "enhancement_preferences", "rate_limits",
            "servicedesk_private_networks");

    /**
     * The new tenant as the runbook's restore makes it: the old record's settings (GET, no secret in
     * it) with null fields left out, the webhook mode, new SDP credentials.
     */
    private static void recreateFromTheRecordOf(String oldId, String newId) {
        JsonHttp tenants = new JsonHttp(env.tenantService().baseUrl());
        JsonNode old = tenants.get("/v1/tenants/" + oldId, ADMIN).json();
        com.fasterxml.jackson.databind.node.ObjectNode create = JSON.createObjectNode();
        for (String field : CARRIED) {
            if (old.hasNonNull(field)) {
                create.set(field, old.get(field));
            }
        }
        create.putObject("webhook_auth").put("mode", old.path("webhook_auth").path("mode").asText());
        create.put("tenant_id", newId);
        create.putObject("servicedesk_credentials").put("api_key", "sdp-key-of-the-restored-tenant");
        JsonHttp.Reply created = tenants.post("/v1/tenants", ADMIN, create.toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode now = tenants.get("/v1/tenants/" + newId, ADMIN).json();
        for (String field : CARRIED) {
            assertThat(now.get(field)).as(field).isEqualTo(old.get(field));
        }
    }

    /** Each table of the export, compared between tenants without what an import may not keep. */
    private static final List<String> COMPARED = List.of(
            "SELECT to_jsonb(t) - ARRAY['tenant_id', 'embedding', 'embedded_at', 'search_vector'] FROM ticket_history t "
                    + "ORDER BY ticket_id",
            "SELECT to_jsonb(t) - ARRAY['tenant_id', 'embedding', 'embedded_at', 'search_vector'] FROM kb_articles t "
                    + "ORDER BY article_id",
            "SELECT to_jsonb(t) - 'tenant_id' FROM system_inventory t ORDER BY asset_id",
            "SELECT to_jsonb(t) - ARRAY['tenant_id', 'id', 'posting_token'] FROM enhancement_history t "
                    + "ORDER BY ticket_id, event_key",
            "SELECT jsonb_build_object('ticket', e.ticket_id, 'event', e.event_key) "
                    + "|| (to_jsonb(f) - ARRAY['tenant_id', 'enhancement_id']) FROM enhancement_feedback f "
                    + "JOIN enhancement_history e ON e.id = f.enhancement_id ORDER BY e.ticket_id, e.event_key");

    private void seed(TenantId tenant) {
        List<TicketRecord> tickets = new ArrayList<>();
        for (int i = 1; i <= TICKETS; i++) {
            tickets.add(new TicketRecord(String.format("T-%04d", i), "VPN drops " + i, "Laptop lt-" + i + " loses VPN",
                    i % 3 == 0 ? null : "Raised the idle timeout " + i, "Network", "High", "Resolved",
                    i % 2 == 0 ? "processed" : "sdp_import", i % 3 == 0 ? null : Instant.parse("2026-10-01T08:00:00.123456Z"),
                    i % 2 == 1 ? "acct-a" : null));
        }
        env.database().inTenant(tenant, h -> new TicketHistoryDao().upsert(h, tickets));
        JsonHttp http = new JsonHttp(workerBase());
        assertThat(http.post("/v1/tenants/export-src/kb-articles", OPERATOR, "{\"articles\":["
                + "{\"article_id\":\"KB-1\",\"title\":\"VPN idle timeout\",\"content\":\"Raise it to 30 min\","
                + "\"tags\":[\"vpn\",\"network\"],\"account\":\"acct-a\"},"
                + "{\"article_id\":\"KB-2\",\"title\":\"Printer queue\",\"content\":\"Restart the spooler\"}]}").status())
                .isEqualTo(200);
        assertThat(http.post("/v1/tenants/export-src/inventory", OPERATOR, "{\"assets\":[{\"asset_id\":\"srv-1\","
                + "\"hostname\":\"vpn-01.example.local\",\"ip_address\":\"10.0.0.7\",\"services\":[\"OpenVPN\"],"
                + "\"kind\":\"server\",\"status\":\"up\",\"details\":{\"rack\":\"B2\",\"cores\":8},\"account\":\"acct-a\"}]}")
                .status()).isEqualTo(200);
        long first = enhancement(tenant, "T-0001", "ek-1", "posted", "acct-a");
        long second = enhancement(tenant, "T-0002", "ek-2", "failed", null);
        enhancement(tenant, "T-0003", "ek-3", "received", "acct-a");
        FeedbackDao feedback = new FeedbackDao();
        env.database().inTenant(tenant, h -> {
            feedback.record(h, first, "helpful", "vote-1", Instant.parse("2026-11-01T09:00:00Z"));
            feedback.record(h, first, "not_helpful", "vote-2", Instant.parse("2026-11-01T09:05:00Z"));
            return feedback.record(h, second, "not_helpful", "vote-3", Instant.parse("2026-11-01T09:10:00Z"));
        });
    }

    private static long enhancement(TenantId tenant, String ticket, String eventKey, String status, String account) {
        return env.database().inTenant(tenant, h -> h.createQuery("INSERT INTO enhancement_history (tenant_id, "
                        + "ticket_id, event_key, job_id, status, attempts, synthesizer, model, prompt_tokens, "
                        + "completion_tokens, duration_ms, content_hash, note_marker, sdp_note_id, error, account, "
                        + "posting_token, content_fingerprint, composed_prompt_sha256) VALUES "
                        + "(current_setting('app.current_tenant_id'), :t, :ek, 'job-' || :ek, :status, 2, 'llm', "
                        + "'model-x', 111, 22, 1500, 'hash', 'ENH-' || :ek, 'note-9', "
                        + "CASE WHEN :status = 'failed' THEN 'sdp_unavailable' END, :account, 7, 'fp', repeat('a', 64)) "
                        + "RETURNING id")
                .bind("t", ticket).bind("ek", eventKey).bind("status", status).bind("account", account)
                .mapTo(Long.class).one());
    }

    private static void refused(String body, String error, String... inMessage) throws Exception {
        HttpResponse<String> reply = importInto("import-empty", ADMIN, body);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(400);
        JsonNode json = JSON.readTree(reply.body());
        assertThat(json.get("code").asInt()).isEqualTo(400);
        assertThat(json.get("error").asText()).as(reply.body()).isEqualTo(error);
        assertThat(reply.body()).contains(inMessage).contains("nothing was imported");
    }

    private static List<String> rows(TenantId tenant, String query) {
        return env.database().inTenant(tenant, h -> h.createQuery("SELECT CAST(r AS text) FROM (" + query + ") q(r)")
                .mapTo(String.class).list());
    }

    private static long count(TenantId tenant, String query) {
        return env.database().inTenant(tenant, h -> h.createQuery(query).mapTo(Long.class).one());
    }

    /** The worker's audit entries, read as tenant-service's role (the only one that may read the log). */
    private static List<String> audit() throws Exception {
        List<String> entries = new ArrayList<>();
        try (Connection c = env.testDatabase().connectAs(ServiceRole.TENANT_SERVICE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT action, target_tenant_id FROM audit_log WHERE action LIKE 'worker.tenant_%'")) {
            while (rs.next()) {
                entries.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return entries;
    }

    private static List<JsonNode> lines(String body) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static String workerBase() {
        return env.workerBaseUrl();
    }

    private static HttpResponse<String> exportOf(String tenant, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(workerBase() + "/v1/tenants/" + tenant + "/export")).GET(), token);
    }

    private static HttpResponse<String> importInto(String tenant, String token, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(workerBase() + "/v1/tenants/" + tenant + "/import"))
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        return HttpClient.newHttpClient().send(request.header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
