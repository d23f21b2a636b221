package com.aiagents.platform.tenant.resources;

import static com.aiagents.platform.tenant.testing.TenantServiceExtension.ADMIN_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.OPERATOR_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.WORKER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.JsonHttp.Reply;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import com.aiagents.platform.tenant.testing.TestTokenIssuer;
import com.aiagents.platform.testing.LogCapture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * People's access tokens against a real tenant-service and PostgreSQL: tokens signed with a locally
 * generated P-256 key that a real HTTP server publishes as the JWKS (with the revoked-sessions feed),
 * exactly as the token spec has tenant-service publish them. Bad tokens are 401, revocation and
 * key rotation are honoured within their bounds, the feed's outage refuses people but not static
 * tokens, {@code X-Tenant-Id} is an admin's alone, and a tenant's user sees only its own tenant
 * (404 for another's record and bundle). No token is ever logged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeopleTokensTest {
    /** The revocation bound configured here (production: 30 s): tight so the test stays short. */
    private static final Duration MAX_STALENESS = Duration.ofSeconds(4);
    /** The JWKS cache's lifetime configured here: a withdrawn key stops working after it. */
    private static final Duration JWKS_TTL = Duration.ofSeconds(2);
    /** Slack for a loaded machine on top of a bound (each request's own latency). */
    private static final Duration SLACK = Duration.ofSeconds(5);

    static final TestTokenIssuer ISSUER = TestTokenIssuer.start();

    @RegisterExtension
    static final TenantServiceExtension SERVICE = new TenantServiceExtension()
            .withSetting("auth.users.issuerUrl", ISSUER::url)
            .withSetting("auth.users.revocationPollInterval", () -> "250ms")
            .withSetting("auth.users.revocationMaxStaleness", () -> MAX_STALENESS.toMillis() + "ms")
            .withSetting("auth.users.jwksCacheTtl", () -> JWKS_TTL.toMillis() + "ms")
            .withSetting("auth.users.jwksRefetchMinInterval", () -> "200ms");

    private static final List<String> TOKENS = new CopyOnWriteArrayList<>();
    private static JsonHttp http;
    private static LogCapture logs;
    private static String tenantA;
    private static String tenantB;

    @BeforeAll
    static void twoTenants() {
        logs = LogCapture.attach();
        // every refusal's reason is logged at DEBUG: turned on, so the log check below sees it
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.aiagents.platform.common.auth"))
                .setLevel(ch.qos.logback.classic.Level.DEBUG);
        http = new JsonHttp(SERVICE.baseUrl());
        tenantA = create("people-a");
        tenantB = create("people-b");
        // people's tokens pass once the revocation feed has been read
        String admin = token("admin", null);
        Awaitility.await("first read of the revocation feed").atMost(MAX_STALENESS.plus(SLACK))
                .until(() -> http.get("/v1/tenants/" + tenantA, admin).status() == 200);
    }

    @AfterAll
    static void closeIssuer() {
        if (logs != null) {
            logs.close();
        }
        ISSUER.close();
    }

    private static String create(String prefix) {
        return TenantApiTest.createTenant(http, prefix);
    }

    private static String token(String role, String tenant) {
        return remember(ISSUER.token(role, tenant));
    }

    private static String remember(String token) {
        TOKENS.add(token);
        return token;
    }

    private static void assertUnauthorized(String token) {
        Reply reply = http.get("/v1/tenants/" + tenantA, remember(token));
        assertThat(reply.status()).as(reply.body()).isEqualTo(401);
        assertThat(reply.json().path("error").asText()).isEqualTo("unauthorized");
        assertThat(reply.body()).doesNotContain(token);
    }

    @Test
    @Order(1)
    void aValidTokenOfEachStaffRoleIsAccepted() {
        for (String role : List.of("admin", "operator", "viewer")) {
            Reply reply = http.get("/v1/tenants/" + tenantB, token(role, null));
            assertThat(reply.status()).as(role + ": " + reply.body()).isEqualTo(200);
        }
        // and the static tokens keep working beside them
        assertThat(http.get("/v1/tenants/" + tenantB, OPERATOR_TOKEN).status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void badTokensAre401() throws Exception {
        assertUnauthorized(ISSUER.token("admin", null, c -> c
                .issueTime(Date.from(Instant.now().minusSeconds(1800)))
                .expirationTime(Date.from(Instant.now().minusSeconds(600)))));                 // expired
        ECKey stranger = TestTokenIssuer.newKey();
        ECKey impostor = new ECKey.Builder(stranger).keyID(ISSUER.currentKey().getKeyID()).build();
        assertUnauthorized(TestTokenIssuer.sign(TestTokenIssuer.claims("admin", null).build(), impostor)); // wrong signature
        assertUnauthorized(TestTokenIssuer.sign(TestTokenIssuer.claims("admin", null).build(), stranger)); // unknown key
        assertUnauthorized(ISSUER.token("admin", null, c -> c.audience("another-platform")));   // wrong audience
        assertUnauthorized(ISSUER.token("admin", null, c -> c.issuer("https://evil.example"))); // wrong issuer
        assertUnauthorized(new PlainJWT(TestTokenIssuer.claims("admin", null).build()).serialize()); // alg: none
        // HS256 "signed" with the public key, hoping the verifier uses it as an HMAC secret
        SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(ISSUER.currentKey().getKeyID()).build(), TestTokenIssuer.claims("admin", null).build());
        confused.sign(new MACSigner(ISSUER.currentKey().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));
        assertUnauthorized(confused.serialize());
        assertUnauthorized(ISSUER.token("admin", null, c -> c.claim("sid", null)));             // a required claim missing
        assertUnauthorized(ISSUER.token("tenant_admin", null, c -> { }));                        // tenant role without tenant
        assertUnauthorized(ISSUER.token("service", null, c -> { }));                             // not a person's role
        assertUnauthorized(ISSUER.token("admin", null, c -> c
                .expirationTime(Date.from(Instant.now().plus(Duration.ofDays(2))))));          // lives too long
    }

    @Test
    @Order(3)
    void aTenantUserSeesOnlyItsOwnTenantAnotherTenantIs404() {
        String admin = token("tenant_admin", tenantA);
        String viewer = token("tenant_viewer", tenantA);
        assertThat(http.get("/v1/tenants/" + tenantA, admin).status()).isEqualTo(200);
        assertThat(http.get("/v1/tenants/" + tenantA, viewer).status()).isEqualTo(200);
        for (String token : List.of(admin, viewer)) {
            Reply other = http.get("/v1/tenants/" + tenantB, token);
            assertThat(other.status()).as(other.body()).isEqualTo(404);
            assertThat(other.json().path("error").asText()).isEqualTo("tenant_not_found");
            JsonNode listed = http.get("/v1/tenants", token).json().path("tenants");
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).path("tenant_id").asText()).isEqualTo(tenantA);
        }
        // a tenant that does not exist looks exactly like another tenant's: no existence oracle
        Reply missing = http.get("/v1/tenants/no-such-" + UUID.randomUUID().toString().substring(0, 8), admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("message")).isEqualTo(http.get("/v1/tenants/" + tenantB, admin).json().path("message"));
    }

    @Test
    @Order(4)
    void aTenantAdminManagesItsOwnBundleAndWebhookSecretOnly() {
        String admin = token("tenant_admin", tenantA);
        String bundle = "{\"sections\": [{\"key\": \"tone\", \"text\": \"Short answers for our people.\", \"order\": 10}]}";
        assertThat(http.send("PUT", "/v1/tenants/" + tenantA + "/prompt-bundle", admin, bundle).status()).isEqualTo(200);
        assertThat(http.post("/v1/tenants/" + tenantA + "/prompt-bundle/publish", admin, null).status()).isEqualTo(200);
        assertThat(http.get("/v1/tenants/" + tenantA + "/prompt-bundle", admin).status()).isEqualTo(200);
        assertThat(http.post("/v1/tenants/" + tenantA + "/webhook-secret/rotate", admin, "").status()).isEqualTo(200);

        assertThat(http.get("/v1/tenants/" + tenantB + "/prompt-bundle", admin).status()).isEqualTo(404);
        assertThat(http.send("PUT", "/v1/tenants/" + tenantB + "/prompt-bundle", admin, bundle).status()).isEqualTo(404);
        assertThat(http.post("/v1/tenants/" + tenantB + "/prompt-bundle/publish", admin, null).status()).isEqualTo(404);
        assertThat(http.post("/v1/tenants/" + tenantB + "/webhook-secret/rotate", admin, "").status()).isEqualTo(404);
        assertThat(http.get("/v1/tenants/" + tenantB + "/prompt-bundle", OPERATOR_TOKEN).json().path("draft").isNull()
                || http.get("/v1/tenants/" + tenantB + "/prompt-bundle", OPERATOR_TOKEN).json().path("draft").isMissingNode())
                .as("tenant B's bundle untouched").isTrue();

        String viewer = token("tenant_viewer", tenantA);
        assertThat(http.get("/v1/tenants/" + tenantA + "/prompt-bundle", viewer).status()).isEqualTo(403);
        assertThat(http.post("/v1/tenants/" + tenantA + "/webhook-secret/rotate", viewer, "").status()).isEqualTo(403);
    }

    @Test
    @Order(5)
    void staffOnlyEndpointsAre403ForTenantRoles() {
        for (String token : List.of(token("tenant_admin", tenantA), token("tenant_viewer", tenantA))) {
            Reply create = http.post("/v1/tenants", token, "{}");
            assertThat(create.status()).as(create.body()).isEqualTo(403);
            assertThat(create.json().path("error").asText()).isEqualTo("forbidden");
            assertThat(http.patch("/v1/tenants/" + tenantA, token, "{\"name\": \"x\"}").status()).isEqualTo(403);
            assertThat(http.delete("/v1/tenants/" + tenantA, token).status()).isEqualTo(403);
            assertThat(http.post("/v1/tenants/" + tenantA + "/status", token, "{\"status\": \"suspended\"}").status()).isEqualTo(403);
            assertThat(http.get("/v1/prompt-bundles/global", token).status()).isEqualTo(403);
        }
    }

    @Test
    @Order(6)
    void xTenantIdIsHonouredForAdminsOnlyAndTheAuditNamesBoth() throws Exception {
        String person = token("admin", null);
        for (String admin : List.of(person, ADMIN_TOKEN)) {
            JsonNode listed = http.send("GET", "/v1/tenants", admin, null, "X-Tenant-Id", tenantA).json().path("tenants");
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).path("tenant_id").asText()).isEqualTo(tenantA);
            assertThat(http.send("GET", "/v1/tenants/" + tenantB, admin, null, "X-Tenant-Id", tenantA).status()).isEqualTo(404);
            assertThat(http.send("GET", "/v1/tenants/" + tenantA, admin, null, "X-Tenant-Id", tenantA).status()).isEqualTo(200);
            // served exactly as a tenant_admin: staff-only endpoints are 403
            assertThat(http.send("POST", "/v1/tenants", admin, "{}", "X-Tenant-Id", tenantA).status()).isEqualTo(403);
            assertThat(http.send("GET", "/v1/tenants/" + tenantB, admin, null).status()).isEqualTo(200);
        }
        Reply rotated = http.send("POST", "/v1/tenants/" + tenantA + "/webhook-secret/rotate", person, "",
                "X-Tenant-Id", tenantA);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);

        for (String other : List.of(token("operator", null), token("viewer", null), token("tenant_admin", tenantA),
                token("tenant_viewer", tenantA), OPERATOR_TOKEN, WORKER_TOKEN)) {
            Reply refused = http.send("GET", "/v1/tenants", other, null, "X-Tenant-Id", tenantA);
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.json().path("error").asText()).isEqualTo("impersonation_forbidden");
        }

        try (Connection c = SERVICE.database().connectAsSuperuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT actor, actor_role, details::text FROM audit_log WHERE target_tenant_id = '"
                     + tenantA + "' AND action = 'tenant.webhook_secret_rotated' ORDER BY id DESC LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("admin@example.com");
            assertThat(rs.getString(2)).isEqualTo("admin");
            JsonNode details = new ObjectMapper().readTree(rs.getString(3));
            assertThat(details.path("impersonated_tenant").asText()).isEqualTo(tenantA);
            assertThat(details.path("user_id").asText()).isNotBlank();
            assertThat(details.path("session_id").asText()).isNotBlank();
        }
    }

    @Test
    @Order(7)
    void aRevokedSessionIsRefusedWithinTheBound() throws Exception {
        JWTClaimsSet claims = TestTokenIssuer.claims("tenant_admin", tenantA).build();
        String token = remember(TestTokenIssuer.sign(claims, ISSUER.currentKey()));
        assertThat(http.get("/v1/tenants/" + tenantA, token).status()).isEqualTo(200);
        ISSUER.revoke(claims.getStringClaim("sid"));
        Awaitility.await("revoked session refused").atMost(MAX_STALENESS.plus(SLACK)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get("/v1/tenants/" + tenantA, token).status() == 401);
        // another session of the same person is unaffected
        assertThat(http.get("/v1/tenants/" + tenantA, token("tenant_admin", tenantA)).status()).isEqualTo(200);
        // the feed is read with no token here (tenant-service has no service token of its own); never with a person's
        assertThat(ISSUER.feedAuthorizations()).allSatisfy(a -> assertThat(TOKENS).noneMatch(a::contains));
    }

    @Test
    @Order(8)
    void keysRotateInAtOnceAndAKeyRotatedOutIsRefused() {
        ECKey old = ISSUER.currentKey();
        String oldToken = token("operator", null);
        ECKey next = TestTokenIssuer.newKey();
        ISSUER.publish(next);
        String newToken = remember(TestTokenIssuer.sign(TestTokenIssuer.claims("operator", null).build(), next));
        // an unknown kid refetches the JWKS (rate-limited), so a new key works without waiting for the cache
        Awaitility.await("new key accepted").atMost(SLACK).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get("/v1/tenants/" + tenantA, newToken).status() == 200);
        ISSUER.withdraw(old);
        Awaitility.await("withdrawn key refused").atMost(JWKS_TTL.plus(SLACK)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get("/v1/tenants/" + tenantA, oldToken).status() == 401);
        assertThat(http.get("/v1/tenants/" + tenantA, newToken).status()).isEqualTo(200);
    }

    @Test
    @Order(9)
    void whenTheFeedCannotBeReadPeopleAreRefusedButStaticTokensWork() {
        String person = token("admin", null);
        assertThat(http.get("/v1/tenants/" + tenantA, person).status()).isEqualTo(200);
        ISSUER.feedDown(true);
        try {
            Awaitility.await("fail closed").atMost(MAX_STALENESS.plus(SLACK)).pollInterval(Duration.ofMillis(100))
                    .until(() -> http.get("/v1/tenants/" + tenantA, person).status() == 401);
            assertThat(http.get("/v1/tenants/" + tenantA, ADMIN_TOKEN).status()).isEqualTo(200);
            assertThat(http.get("/v1/tenants", WORKER_TOKEN).status()).isEqualTo(200);
        } finally {
            ISSUER.feedDown(false);
        }
        Awaitility.await("recovered").atMost(MAX_STALENESS.plus(SLACK)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get("/v1/tenants/" + tenantA, person).status() == 200);
    }

    @Test
    @Order(100)
    void noTokenInAnyLog() {
        assertThat(TOKENS).hasSizeGreaterThan(10);
        assertThat(logs.lines()).as("captured lines").isNotEmpty();
        for (String token : TOKENS) {
            assertThat(logs.linesContaining(token)).isEmpty();
            String signature = token.substring(token.lastIndexOf('.') + 1);
            if (signature.length() > 20) { // nor its signature alone (an alg:none token has none)
                assertThat(logs.linesContaining(signature)).isEmpty();
            }
        }
        for (String secret : Set.of(ADMIN_TOKEN, OPERATOR_TOKEN, WORKER_TOKEN)) {
            assertThat(logs.linesContaining(secret)).isEmpty();
        }
        assertThat(logs.linesContaining("event=revocation_feed_unreadable")).isNotEmpty();
        assertThat(logs.linesContaining("event=access_token_refused reason=revocation_feed_stale")).isNotEmpty();
        assertThat(logs.linesContaining("event=access_token_refused reason=session_revoked")).isNotEmpty();
    }
}
