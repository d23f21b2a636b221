package com.aiagents.platform.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.JsonHttp.Reply;
import com.aiagents.platform.testing.TestTokenIssuer;
import com.aiagents.platform.worker.db.EnhancementHistoryDao;
import com.aiagents.platform.worker.db.FeedbackDao;
import com.aiagents.platform.worker.db.ImportStateDao;
import com.aiagents.platform.worker.db.ReconciliationStateDao;
import com.aiagents.platform.worker.support.WorkerEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/people-and-access.md, "Tenant users see their own tenant only", in the worker: its tenant
 * reads (enhancements with their feedback, reconciliation, ticket-history import) against the real
 * worker, tenant-service and PostgreSQL, the worker connected as its own non-superuser role. A tenant
 * user and an admin impersonating a tenant read that tenant's rows and get 404 for another tenant's,
 * which staff still read; the worker's writes stay staff-only (403 to a tenant admin).
 */
class TenantScopedReadsTest {
    private static final Duration FEED = Duration.ofSeconds(10);
    static final TestTokenIssuer ISSUER = TestTokenIssuer.start();

    @RegisterExtension
    static final WorkerEnvironment ENV = new WorkerEnvironment(Map.of(
            "auth.users.issuerUrl", ISSUER.url(),
            "auth.users.revocationPollInterval", "250ms",
            "auth.users.revocationMaxStaleness", "4s"));

    static final TenantId A = TenantId.of("scope-a");
    static final TenantId B = TenantId.of("scope-b");
    static JsonHttp worker;
    static final List<Long> ENHANCEMENTS_A = new ArrayList<>();
    static long enhancementB;

    @BeforeAll
    static void twoTenantsWithHistory() {
        ENV.createTenant(A.value(), null);
        ENV.createTenant(B.value(), null);
        EnhancementHistoryDao history = new EnhancementHistoryDao();
        FeedbackDao feedback = new FeedbackDao();
        for (int i = 1; i <= 3; i++) {
            String ticket = "A-" + i;
            ENHANCEMENTS_A.add(ENV.database().inTenant(A, h -> {
                long id = history.receive(h, ticket, "ek-" + ticket, "job-" + ticket).id();
                history.posted(h, id, "note-" + ticket, 5);
                return id;
            }));
        }
        ENV.database().inTenant(A, h -> feedback.record(h, ENHANCEMENTS_A.get(2), "helpful", "v-1", Instant.now()));
        enhancementB = ENV.database().inTenant(B, h -> {
            long id = history.receive(h, "B-1", "ek-B-1", "job-B-1").id();
            feedback.record(h, id, "not_helpful", "v-2", Instant.now());
            return id;
        });
        for (TenantId tenant : List.of(A, B)) {
            ENV.database().inTenant(tenant, h -> {
                new ReconciliationStateDao().findOrCreate(h, Instant.now());
                return new ImportStateDao().start(h, "test");
            });
        }
        worker = ENV.workerHttp();
        String viewer = ISSUER.token("tenant_viewer", A.value());
        Awaitility.await("first read of the revocation feed").atMost(FEED)
                .until(() -> worker.get("/v1/tenants/" + A.value() + "/enhancements", viewer).status() == 200);
    }

    @AfterAll
    static void closeIssuer() {
        ISSUER.close();
    }

    private static Reply get(String path, String token, String... headers) {
        return worker.send("GET", path, token, null, headers);
    }

    private static void assertNotFound(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(404);
        assertThat(reply.json().path("code").asInt()).isEqualTo(404);
    }

    @Test
    void aTenantUserReadsItsOwnEnhancementsNewestFirstWithTheirFeedback() {
        for (String role : List.of("tenant_viewer", "tenant_admin")) {
            Reply reply = get("/v1/tenants/" + A.value() + "/enhancements", ISSUER.token(role, A.value()));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonNode rows = reply.json().path("enhancements");
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0).path("id").asLong()).isEqualTo(ENHANCEMENTS_A.get(2));
            assertThat(rows.get(0).path("ticket_id").asText()).isEqualTo("A-3");
            assertThat(rows.get(0).path("status").asText()).isEqualTo("posted");
            assertThat(rows.get(0).path("posted_at").isTextual()).isTrue();
            assertThat(rows.get(0).path("sdp_note_id").asText()).isEqualTo("note-A-3");
            assertThat(rows.get(0).path("feedback").path("helpful").asInt()).isEqualTo(1);
            assertThat(rows.get(1).path("feedback").path("helpful").asInt()).isZero();
            assertThat(reply.json().path("next").isNull()).isTrue();
        }
    }

    @Test
    void pagesFollowTheNextCursor() {
        String viewer = ISSUER.token("tenant_viewer", A.value());
        String path = "/v1/tenants/" + A.value() + "/enhancements?limit=2";
        Reply first = get(path, viewer);
        assertThat(first.json().path("enhancements")).hasSize(2);
        String next = first.json().path("next").asText();
        Reply second = get(path + "&before=" + next, viewer);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().path("enhancements")).hasSize(1);
        assertThat(second.json().path("enhancements").get(0).path("id").asLong()).isEqualTo(ENHANCEMENTS_A.get(0));
        assertThat(second.json().path("next").isNull()).isTrue();
        Reply bad = get(path + "&before=not-a-cursor", viewer);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").asText()).isEqualTo("invalid_cursor");
        assertThat(get("/v1/tenants/" + A.value() + "/enhancements?limit=0", viewer).status()).isEqualTo(400);
    }

    @Test
    void anotherTenantsEnhancementsAre404ToATenantUserAndReadableByStaff() {
        String viewerA = ISSUER.token("tenant_viewer", A.value());
        assertNotFound(get("/v1/tenants/" + B.value() + "/enhancements", viewerA));
        assertNotFound(get("/v1/tenants/" + B.value() + "/enhancements/" + enhancementB, viewerA));
        // its own tenant's path does not reach another tenant's row either
        assertNotFound(get("/v1/tenants/" + A.value() + "/enhancements/" + enhancementB, viewerA));
        // the same answer as for a tenant that does not exist
        assertNotFound(get("/v1/tenants/no-such-tenant/enhancements", viewerA));

        Reply own = get("/v1/tenants/" + A.value() + "/enhancements/" + ENHANCEMENTS_A.get(2), viewerA);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().path("feedback").path("helpful").asInt()).isEqualTo(1);

        for (String staff : List.of(WorkerEnvironment.OPERATOR, WorkerEnvironment.VIEWER, ISSUER.token("viewer", null))) {
            Reply b = get("/v1/tenants/" + B.value() + "/enhancements/" + enhancementB, staff);
            assertThat(b.status()).as(b.body()).isEqualTo(200);
            assertThat(b.json().path("status").asText()).isEqualTo("received");
            assertThat(b.json().path("posted_at").isNull()).isTrue();
            assertThat(b.json().path("feedback").path("not_helpful").asInt()).isEqualTo(1);
        }
    }

    @Test
    void anImpersonatingAdminIsServedAsThatTenantsAdmin() {
        String admin = ISSUER.token("admin", null);
        Reply own = get("/v1/tenants/" + A.value() + "/enhancements", admin, "X-Tenant-Id", A.value());
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().path("enhancements")).hasSize(3);
        assertNotFound(get("/v1/tenants/" + B.value() + "/enhancements", admin, "X-Tenant-Id", A.value()));
        assertNotFound(get("/v1/tenants/" + B.value() + "/reconciliation", admin, "X-Tenant-Id", A.value()));
        // without the header the admin is staff again
        assertThat(get("/v1/tenants/" + B.value() + "/enhancements", admin).status()).isEqualTo(200);
        Reply operator = get("/v1/tenants/" + A.value() + "/enhancements", ISSUER.token("operator", null),
                "X-Tenant-Id", A.value());
        assertThat(operator.status()).isEqualTo(403);
        assertThat(operator.json().path("error").asText()).isEqualTo("impersonation_forbidden");
    }

    @Test
    void reconciliationAndImportProgressAreReadOnlyForTheirOwnTenant() {
        String viewerA = ISSUER.token("tenant_viewer", A.value());
        for (String read : List.of("/reconciliation", "/ticket-history/import")) {
            Reply own = get("/v1/tenants/" + A.value() + read, viewerA);
            assertThat(own.status()).as(read + ": " + own.body()).isEqualTo(200);
            assertNotFound(get("/v1/tenants/" + B.value() + read, viewerA));
            assertThat(get("/v1/tenants/" + B.value() + read, WorkerEnvironment.OPERATOR).status()).isEqualTo(200);
        }
        assertThat(get("/v1/tenants/" + A.value() + "/reconciliation", viewerA).json().path("tenant_id").asText())
                .isEqualTo(A.value());

        String adminA = ISSUER.token("tenant_admin", A.value());
        for (String write : List.of("/ticket-history/import", "/kb-articles", "/inventory", "/import")) {
            Reply refused = worker.post("/v1/tenants/" + A.value() + write, adminA, "{}");
            assertThat(refused.status()).as(write + ": " + refused.body()).isEqualTo(403);
        }
        assertThat(get("/v1/tenants/" + A.value() + "/export", adminA).status()).isEqualTo(403);
        assertThat(get("/v1/queue", adminA).status()).isEqualTo(403);
    }
}
