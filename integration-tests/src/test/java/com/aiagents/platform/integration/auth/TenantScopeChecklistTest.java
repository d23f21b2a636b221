package com.aiagents.platform.integration.auth;

import static com.aiagents.platform.integration.support.Platform.ADMIN;
import static com.aiagents.platform.integration.support.Platform.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.integration.support.Platform;
import com.aiagents.platform.integration.support.TenantIds;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.JsonHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seed 003's checklist for people and access (docs/people-and-access.md), against the real platform
 * with real accounts: two tenants, a tenant admin of each created with the break-glass admin token
 * and signed in with a password, a global admin and an operator signed in the same way. Each tenant
 * admin sees its own tenant, enhancements, gate runs, prompt bundle and Kubernetes status, and gets
 * 404 for the other tenant's, in every service; the global admin with {@code X-Tenant-Id} is served
 * as each tenant in turn, and the audit log names both the person and the tenant of a change made so;
 * {@code X-Tenant-Id} from an operator or a tenant admin is 403; a signed-out session is refused by
 * the worker and gates-runner within the revocation bound.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantScopeChecklistTest {
    /** The services' revocation poll here (production: 10 s) and the bound it implies (poll + the feed's 10 s lag). */
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration BOUND = POLL.plus(Duration.ofSeconds(10));
    private static final Duration SLACK = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final Platform PLATFORM = Platform.inManifestsMode()
            .withPeopleTokenSettings(Map.of(
                    "auth.users.revocationPollInterval", POLL.toMillis() + "ms",
                    "auth.users.revocationMaxStaleness", "5s"));

    record Tenant(String id, String adminEmail, String password, String adminToken, long enhancement, String gateRun) {
    }

    static Tenant a;
    static Tenant b;
    static String globalAdminEmail;
    static String globalAdmin;
    static String operator;
    static JsonHttp tenants;
    static JsonHttp worker;
    static JsonHttp gates;
    static JsonHttp provisioning;

    @BeforeAll
    static void twoTenantsWithTheirAdmins() throws Exception {
        tenants = PLATFORM.tenantService();
        worker = PLATFORM.worker();
        gates = PLATFORM.gatesRunner();
        provisioning = PLATFORM.provisioning();
        a = tenant("checklist-a");
        b = tenant("checklist-b");
        globalAdminEmail = "admin-" + UUID.randomUUID() + "@msp.example";
        globalAdmin = signIn(globalAdminEmail, person(globalAdminEmail, "admin", null));
        String operatorEmail = "operator-" + UUID.randomUUID() + "@msp.example";
        operator = signIn(operatorEmail, person(operatorEmail, "operator", null));
        // people's tokens pass in each service once it has read the revocation feed
        tenantPaths(a).forEach((service, path) -> Awaitility.await("people's tokens accepted").atMost(SLACK)
                .pollInterval(Duration.ofMillis(200)).until(() -> service.get(path, a.adminToken()).status() != 401));
    }

    /** One tenant-scoped read in each service. */
    private static Map<JsonHttp, String> tenantPaths(Tenant t) {
        Map<JsonHttp, String> paths = new LinkedHashMap<>();
        paths.put(tenants, "/v1/tenants/" + t.id());
        paths.put(worker, "/v1/tenants/" + t.id() + "/enhancements");
        paths.put(gates, "/v1/tenants/" + t.id() + "/gate-runs");
        paths.put(provisioning, "/v1/tenants/" + t.id() + "/kubernetes");
        return paths;
    }

    /** A tenant with a gate run, an enhancement, a prompt-bundle draft and a signed-in tenant admin. */
    private static Tenant tenant(String prefix) throws Exception {
        String id = TenantIds.unique(prefix);
        String sdpUrl = PLATFORM.sdp().createInstance(id, "sdp-key-" + id);
        Reply created = tenants.post("/v1/tenants", ADMIN, "{\"tenant_id\":\"" + id + "\",\"name\":\"" + id + "\","
                + "\"tier\":\"basic\",\"admin_contact_email\":\"it@" + id + ".example\",\"servicedesk_url\":\"" + sdpUrl
                + "\",\"servicedesk_edition\":\"onprem\",\"servicedesk_credentials\":{\"api_key\":\"sdp-key-" + id + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Reply run = gates.post("/v1/gate-runs", OPERATOR, "{\"tenant_id\":\"" + id + "\",\"gates\":[1]}");
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        Reply draft = tenants.send("PUT", "/v1/tenants/" + id + "/prompt-bundle", OPERATOR,
                "{\"sections\": [{\"key\": \"tone\", \"text\": \"For " + id + " only.\", \"order\": 10}]}");
        assertThat(draft.status()).as(draft.body()).isEqualTo(200);
        String email = "it-lead@" + id + ".example";
        String password = person(email, "tenant_admin", id);
        return new Tenant(id, email, password, signIn(email, password), enhancement(id), run.json().path("run_id").asText());
    }

    /** A new account made with the break-glass admin token: its password. */
    private static String person(String email, String role, String tenant) throws Exception {
        String password = "pw-" + UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>(Map.of("email", email, "password", password, "role", role));
        if (tenant != null) {
            body.put("tenant_id", tenant);
        }
        Reply created = tenants.post("/v1/users", ADMIN, JSON.writeValueAsString(body));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return password;
    }

    private static String signIn(String email, String password) throws Exception {
        Reply login = tenants.post("/v1/auth/login", null,
                JSON.writeValueAsString(Map.of("email", email, "password", password)));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.json().path("access_token").asText();
    }

    /** An enhancement row of the tenant, written as the worker writes it (its own role, in the tenant's context). */
    private static long enhancement(String tenant) throws Exception {
        try (Connection c = PLATFORM.database().connectAs(ServiceRole.ENHANCEMENT_WORKER)) {
            c.setAutoCommit(false);
            try (PreparedStatement context = c.prepareStatement("SELECT set_config('app.current_tenant_id', ?, true)")) {
                context.setString(1, tenant);
                context.executeQuery().close();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO enhancement_history (tenant_id, ticket_id, "
                    + "event_key, job_id, status) VALUES (?, 'T-1', 'ek-1', 'job-1', 'received') RETURNING id")) {
                insert.setString(1, tenant);
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    long id = rs.getLong(1);
                    c.commit();
                    return id;
                }
            }
        }
    }

    private static Reply get(JsonHttp service, String path, String token, String... headers) {
        return service.send("GET", path, token, null, headers);
    }

    /** What a tenant's own and another tenant's reads answer, for one caller (and its headers). */
    private static List<String> readsOf(Tenant own, Tenant other, String token, String... headers) {
        List<String> problems = new ArrayList<>();
        Map<String, Reply> ownReads = new LinkedHashMap<>();
        Map<String, Reply> otherReads = new LinkedHashMap<>();
        for (Tenant t : List.of(own, other)) {
            Map<String, Reply> into = t == own ? ownReads : otherReads;
            into.put("tenant record", get(tenants, "/v1/tenants/" + t.id(), token, headers));
            into.put("prompt bundle", get(tenants, "/v1/tenants/" + t.id() + "/prompt-bundle", token, headers));
            into.put("enhancements", get(worker, "/v1/tenants/" + t.id() + "/enhancements", token, headers));
            into.put("enhancement", get(worker, "/v1/tenants/" + t.id() + "/enhancements/" + t.enhancement(), token, headers));
            into.put("gate runs", get(gates, "/v1/tenants/" + t.id() + "/gate-runs", token, headers));
            into.put("gate run", get(gates, "/v1/gate-runs/" + t.gateRun(), token, headers));
            into.put("kubernetes", get(provisioning, "/v1/tenants/" + t.id() + "/kubernetes", token, headers));
        }
        ownReads.forEach((what, reply) -> {
            if (reply.status() != 200) {
                problems.add("own " + what + ": " + reply.status() + " " + reply.body());
            }
        });
        if (!own.id().equals(ownReads.get("kubernetes").json().path("tenant_id").asText())) {
            problems.add("own kubernetes: " + ownReads.get("kubernetes").body());
        }
        otherReads.forEach((what, reply) -> {
            if (reply.status() != 404) {
                problems.add("other tenant's " + what + ": " + reply.status() + " " + reply.body());
            }
        });
        JsonNode listed = ownReads.get("enhancements").json().path("enhancements");
        if (listed.size() != 1 || listed.get(0).path("id").asLong() != own.enhancement()) {
            problems.add("own enhancements: " + listed);
        }
        JsonNode runs = ownReads.get("gate runs").json().path("runs");
        if (runs.size() != 1 || !runs.get(0).path("run_id").asText().equals(own.gateRun())) {
            problems.add("own gate runs: " + runs);
        }
        return problems;
    }

    @Test
    @Order(1)
    void eachTenantAdminSeesItsOwnTenantOnlyInEveryService() {
        assertThat(readsOf(a, b, a.adminToken())).isEmpty();
        assertThat(readsOf(b, a, b.adminToken())).isEmpty();
        // a tenant admin's writes outside its tenant's own settings stay the staff's
        assertThat(gates.post("/v1/gate-runs", a.adminToken(), "{\"tenant_id\":\"" + a.id() + "\"}").status()).isEqualTo(403);
        assertThat(worker.post("/v1/tenants/" + a.id() + "/ticket-history/import", a.adminToken(), "{}").status())
                .isEqualTo(403);
        assertThat(provisioning.post("/v1/tenants/" + a.id() + "/kubernetes/apply", a.adminToken(), "{}").status())
                .isEqualTo(403);
    }

    @Test
    @Order(2)
    void theGlobalAdminWithXTenantIdIsServedAsEachTenant() {
        assertThat(readsOf(a, b, globalAdmin, "X-Tenant-Id", a.id())).isEmpty();
        assertThat(readsOf(b, a, globalAdmin, "X-Tenant-Id", b.id())).isEmpty();
        // staff-only endpoints are 403 while impersonating
        assertThat(gates.send("POST", "/v1/gate-runs", globalAdmin, "{\"tenant_id\":\"" + a.id() + "\"}",
                "X-Tenant-Id", a.id()).status()).isEqualTo(403);
    }

    @Test
    @Order(3)
    void aChangeUnderImpersonationIsAuditedWithThePersonAndTheTenant() throws Exception {
        Reply saved = tenants.send("PUT", "/v1/tenants/" + b.id() + "/prompt-bundle", globalAdmin,
                "{\"sections\": [{\"key\": \"tone\", \"text\": \"Set by the MSP for " + b.id() + ".\", \"order\": 10}]}",
                "X-Tenant-Id", b.id());
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        try (Connection c = PLATFORM.database().connectAsSuperuser();
             PreparedStatement st = c.prepareStatement("SELECT actor, actor_role, details::text FROM audit_log "
                     + "WHERE target_tenant_id = ? AND action = 'prompt_bundle.draft_saved' ORDER BY id DESC LIMIT 1")) {
            st.setString(1, b.id());
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(globalAdminEmail);
                assertThat(rs.getString(2)).isEqualTo("admin");
                JsonNode details = JSON.readTree(rs.getString(3));
                assertThat(details.path("impersonated_tenant").asText()).isEqualTo(b.id());
                assertThat(details.path("user_id").asText()).isNotBlank();
            }
        }
    }

    @Test
    @Order(4)
    void xTenantIdFromAnOperatorOrATenantAdminIs403() {
        for (String caller : List.of(operator, a.adminToken())) {
            tenantPaths(a).forEach((service, path) -> {
                Reply refused = get(service, path, caller, "X-Tenant-Id", a.id());
                assertThat(refused.status()).as(path + ": " + refused.body()).isEqualTo(403);
                assertThat(refused.json().path("error").asText()).isEqualTo("impersonation_forbidden");
            });
        }
    }

    @Test
    @Order(5)
    void aSignedOutSessionIsRefusedByTheWorkerAndGatesRunnerWithinTheBound() throws Exception {
        String session = signIn(a.adminEmail(), a.password());
        String enhancements = "/v1/tenants/" + a.id() + "/enhancements";
        String runs = "/v1/tenants/" + a.id() + "/gate-runs";
        assertThat(worker.get(enhancements, session).status()).isEqualTo(200);
        assertThat(gates.get(runs, session).status()).isEqualTo(200);

        assertThat(tenants.post("/v1/auth/logout", session, null).status()).isEqualTo(204);
        Awaitility.await("signed-out session refused").atMost(BOUND.plus(SLACK)).pollInterval(Duration.ofMillis(200))
                .until(() -> worker.get(enhancements, session).status() == 401 && gates.get(runs, session).status() == 401);
        // the tenant admin's other session is untouched
        assertThat(worker.get(enhancements, a.adminToken()).status()).isEqualTo(200);
    }
}
