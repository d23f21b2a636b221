package com.aiagents.platform.tenant.resources;

import static com.aiagents.platform.tenant.testing.TenantServiceExtension.ADMIN_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.OPERATOR_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.WORKER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.tenant.core.SigningKeys;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.JsonHttp.Reply;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import com.aiagents.platform.testing.LogCapture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
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
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * People's access tokens at tenant-service itself, against a real tenant-service and PostgreSQL: the
 * shared verifier (the same as every service's) with tenant-service's own keys and sessions read
 * in-process, with no AUTH_ISSUER_URL. People sign in for real; forged variants of their tokens
 * (signed with the configured AUTH_SIGNING_KEYS, or another key) are 401; a key rotated out of
 * AUTH_SIGNING_KEYS, a signed-out session, a session the database never issued and an offboarded or
 * suspended tenant's users are refused at once. {@code X-Tenant-Id} is an admin's alone, and a
 * tenant's user sees only its own tenant (404 for another's record and bundle). No token is ever logged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeopleTokensTest {
    /** The signing key configured as AUTH_SIGNING_KEYS. */
    private static final ECKey KEY = SigningKeys.generate("tokens-test-2");
    /** A key that signed before and has been rotated out of AUTH_SIGNING_KEYS. */
    private static final ECKey ROTATED_OUT = SigningKeys.generate("tokens-test-1");

    @RegisterExtension
    static final TenantServiceExtension SERVICE = new TenantServiceExtension()
            .withConfig("auth.signingKeys", new JWKSet(KEY).toString(false));

    private static final List<String> TOKENS = new CopyOnWriteArrayList<>();
    private static final List<String> PASSWORDS = new CopyOnWriteArrayList<>();
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
        tenantA = TenantApiTest.createTenant(http, "people-a");
        tenantB = TenantApiTest.createTenant(http, "people-b");
    }

    @AfterAll
    static void closeLogs() {
        if (logs != null) {
            logs.close();
        }
    }

    /** A new account of {@code role}, created with the break-glass token; @return its e-mail and password. */
    static String[] account(JsonHttp http, String role, String tenant) {
        String email = role.replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8) + "@msp.example";
        String password = "pw-" + UUID.randomUUID();
        Reply created = http.post("/v1/users", ADMIN_TOKEN, "{\"email\": \"" + email + "\", \"password\": \"" + password
                + "\", \"role\": \"" + role + "\"" + (tenant == null ? "" : ", \"tenant_id\": \"" + tenant + "\"") + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new String[] {email, password};
    }

    /** Signs a new account of {@code role} in; @return its access token. */
    private static String signedIn(String role, String tenant) {
        String[] account = account(http, role, tenant);
        PASSWORDS.add(account[1]);
        Reply login = http.post("/v1/auth/login", null,
                "{\"email\": \"" + account[0] + "\", \"password\": \"" + account[1] + "\"}");
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return remember(login.json().path("access_token").asText());
    }

    private static String remember(String token) {
        TOKENS.add(token);
        return token;
    }

    /** {@code token}'s claims (a live session's), changed by {@code edit}, signed ES256 by {@code key}. */
    private static String forged(String token, ECKey key, Consumer<JWTClaimsSet.Builder> edit) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder(SignedJWT.parse(token).getJWTClaimsSet());
        edit.accept(claims);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        jwt.sign(new ECDSASigner(key));
        return remember(jwt.serialize());
    }

    private static void assertUnauthorized(String token) {
        Reply reply = http.get("/v1/tenants/" + tenantA, remember(token));
        assertThat(reply.status()).as(reply.body()).isEqualTo(401);
        assertThat(reply.json().path("error").asText()).isEqualTo("unauthorized");
        assertThat(reply.body()).doesNotContain(token);
    }

    @Test
    @Order(1)
    void aSignedInPersonOfEachStaffRoleIsAcceptedWithoutAnyIssuerUrl() throws Exception {
        for (String role : List.of("admin", "operator", "viewer")) {
            String token = signedIn(role, null);
            Reply reply = http.get("/v1/tenants/" + tenantB, token);
            assertThat(reply.status()).as(role + ": " + reply.body()).isEqualTo(200);
            // a token re-signed with the configured key, claims unchanged, is as good: the check is the key, not the bytes
            assertThat(http.get("/v1/tenants/" + tenantB, forged(token, KEY, c -> { })).status()).isEqualTo(200);
        }
        // and the static tokens keep working beside them
        assertThat(http.get("/v1/tenants/" + tenantB, OPERATOR_TOKEN).status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void badTokensAre401() throws Exception {
        String admin = signedIn("admin", null);
        assertThat(http.get("/v1/tenants/" + tenantA, admin).status()).isEqualTo(200);
        assertUnauthorized(forged(admin, KEY, c -> c
                .issueTime(Date.from(Instant.now().minusSeconds(1800)))
                .expirationTime(Date.from(Instant.now().minusSeconds(600)))));                 // expired
        ECKey impostor = new ECKey.Builder(SigningKeys.generate("x")).keyID(KEY.getKeyID()).build();
        assertUnauthorized(forged(admin, impostor, c -> { }));                                  // wrong signature
        assertUnauthorized(forged(admin, SigningKeys.generate("stranger"), c -> { }));           // unknown key
        assertUnauthorized(forged(admin, ROTATED_OUT, c -> { }));                                // key rotated out
        assertUnauthorized(forged(admin, KEY, c -> c.audience("another-platform")));            // wrong audience
        assertUnauthorized(forged(admin, KEY, c -> c.issuer("https://evil.example")));          // wrong issuer
        assertUnauthorized(new PlainJWT(SignedJWT.parse(admin).getJWTClaimsSet()).serialize()); // alg: none
        // HS256 "signed" with the public key, hoping the verifier uses it as an HMAC secret
        SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KEY.getKeyID()).build(),
                SignedJWT.parse(admin).getJWTClaimsSet());
        confused.sign(new MACSigner(KEY.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));
        assertUnauthorized(confused.serialize());
        assertUnauthorized(forged(admin, KEY, c -> c.claim("sid", null)));                      // a required claim missing
        assertUnauthorized(forged(admin, KEY, c -> c.claim("sid", UUID.randomUUID().toString()))); // a session never issued
        assertUnauthorized(forged(admin, KEY, c -> c.claim("role", "tenant_admin")));           // tenant role without tenant
        assertUnauthorized(forged(admin, KEY, c -> c.claim("role", "service")));                // not a person's role
        assertUnauthorized(forged(admin, KEY, c -> c
                .expirationTime(Date.from(Instant.now().plus(Duration.ofDays(2))))));          // lives too long
        assertThat(http.get("/v1/tenants/" + tenantA, admin).status()).as("the real one still works").isEqualTo(200);
    }

    @Test
    @Order(3)
    void aTenantUserSeesOnlyItsOwnTenantAnotherTenantIs404() {
        String admin = signedIn("tenant_admin", tenantA);
        String viewer = signedIn("tenant_viewer", tenantA);
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
        String admin = signedIn("tenant_admin", tenantA);
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

        String viewer = signedIn("tenant_viewer", tenantA);
        assertThat(http.get("/v1/tenants/" + tenantA + "/prompt-bundle", viewer).status()).isEqualTo(403);
        assertThat(http.post("/v1/tenants/" + tenantA + "/webhook-secret/rotate", viewer, "").status()).isEqualTo(403);
    }

    @Test
    @Order(5)
    void staffOnlyEndpointsAre403ForTenantRoles() {
        for (String token : List.of(signedIn("tenant_admin", tenantA), signedIn("tenant_viewer", tenantA))) {
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
        String person = signedIn("admin", null);
        String personEmail = SignedJWT.parse(person).getJWTClaimsSet().getStringClaim("email");
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
        // the people endpoints too: the admin lists that tenant's users as its tenant_admin would
        Reply users = http.send("GET", "/v1/users", person, null, "X-Tenant-Id", tenantA);
        assertThat(users.status()).as(users.body()).isEqualTo(200);
        assertThat(users.json().path("users")).isNotEmpty()
                .allSatisfy(u -> assertThat(u.path("tenant_id").asText()).isEqualTo(tenantA));

        for (String other : List.of(signedIn("operator", null), signedIn("viewer", null), signedIn("tenant_admin", tenantA),
                signedIn("tenant_viewer", tenantA), OPERATOR_TOKEN, WORKER_TOKEN)) {
            Reply refused = http.send("GET", "/v1/tenants", other, null, "X-Tenant-Id", tenantA);
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.json().path("error").asText()).isEqualTo("impersonation_forbidden");
        }

        try (Connection c = SERVICE.database().connectAsSuperuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT actor, actor_role, details::text FROM audit_log WHERE target_tenant_id = '"
                     + tenantA + "' AND action = 'tenant.webhook_secret_rotated' ORDER BY id DESC LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(personEmail);
            assertThat(rs.getString(2)).isEqualTo("admin");
            JsonNode details = new ObjectMapper().readTree(rs.getString(3));
            assertThat(details.path("impersonated_tenant").asText()).isEqualTo(tenantA);
            assertThat(details.path("user_id").asText()).isEqualTo(SignedJWT.parse(person).getJWTClaimsSet().getSubject());
            assertThat(details.path("session_id").asText()).isEqualTo(SignedJWT.parse(person).getJWTClaimsSet().getStringClaim("sid"));
        }
    }

    @Test
    @Order(7)
    void aSignedOutSessionIsRefusedHereAtOnce() {
        String token = signedIn("tenant_admin", tenantA);
        String other = signedIn("tenant_admin", tenantA);
        assertThat(http.get("/v1/tenants/" + tenantA, token).status()).isEqualTo(200);
        assertThat(http.post("/v1/auth/logout", token, null).status()).isEqualTo(204);
        // no feed, no polling: the very next request is refused, on every endpoint
        assertUnauthorized(token);
        assertThat(http.get("/v1/me", token).status()).isEqualTo(401);
        assertThat(http.get("/v1/tenants/" + tenantA, other).status()).as("another session is unaffected").isEqualTo(200);
    }

    @Test
    @Order(8)
    void offboardingATenantRevokesItsUsersSessionsAtOnceAndTheFeedListsThem() throws Exception {
        String tenant = TenantApiTest.createTenant(http, "people-off");
        Instant before = Instant.now().minusSeconds(60);
        String admin = signedIn("tenant_admin", tenant);
        String viewer = signedIn("tenant_viewer", tenant);
        String staff = signedIn("operator", null);
        String elsewhere = signedIn("tenant_admin", tenantA);
        assertThat(http.get("/v1/tenants/" + tenant, admin).status()).isEqualTo(200);
        assertThat(http.get("/v1/users", admin).status()).isEqualTo(200);

        Reply offboarding = http.delete("/v1/tenants/" + tenant, ADMIN_TOKEN);
        assertThat(offboarding.status()).as(offboarding.body()).isEqualTo(200);
        for (String token : List.of(admin, viewer)) {
            assertThat(http.get("/v1/tenants/" + tenant, token).status()).as("refused at once").isEqualTo(401);
            assertThat(http.get("/v1/me", token).status()).isEqualTo(401);
        }
        assertThat(http.get("/v1/tenants/" + tenant, staff).status()).as("staff are not signed out").isEqualTo(200);
        assertThat(http.get("/v1/tenants/" + tenantA, elsewhere).status()).as("nor another tenant's users").isEqualTo(200);

        // every other service refuses them within its bound: the feed lists both sessions
        Reply feed = http.get("/internal/v1/auth/revoked-sessions?since=" + before, WORKER_TOKEN);
        assertThat(feed.status()).isEqualTo(200);
        for (String token : List.of(admin, viewer)) {
            assertThat(feed.element("revoked", "sid", sid(token)).path("revoked_at").asText()).isNotBlank();
        }
        assertThat(feed.json().path("revoked").toString()).doesNotContain(sid(staff)).doesNotContain(sid(elsewhere));
        assertThat(auditDetails(tenant, "tenant.offboarding_started").path("sessions_revoked").asInt()).isEqualTo(2);
    }

    @Test
    @Order(9)
    void suspendingATenantRevokesItsUsersSessionsAndTheyCannotSignInUntilItIsActiveAgain() throws Exception {
        String tenant = TenantApiTest.createTenant(http, "people-sus");
        OffboardingTest.activate(SERVICE, http, tenant);
        String[] account = account(http, "tenant_viewer", tenant);
        PASSWORDS.add(account[1]);
        String login = "{\"email\": \"" + account[0] + "\", \"password\": \"" + account[1] + "\"}";
        String token = remember(http.post("/v1/auth/login", null, login).json().path("access_token").asText());
        assertThat(http.get("/v1/tenants/" + tenant, token).status()).isEqualTo(200);

        assertThat(http.post("/v1/tenants/" + tenant + "/status", OPERATOR_TOKEN, "{\"status\": \"suspended\"}").status())
                .isEqualTo(200);
        assertThat(http.get("/v1/tenants/" + tenant, token).status()).isEqualTo(401);
        Reply refused = http.post("/v1/auth/login", null, login);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("error").asText()).isEqualTo("invalid_credentials");
        assertThat(auditDetails(tenant, "tenant.status_changed").path("sessions_revoked").asInt()).isEqualTo(1);

        assertThat(http.post("/v1/tenants/" + tenant + "/status", OPERATOR_TOKEN, "{\"status\": \"active\"}").status())
                .isEqualTo(200);
        Reply again = http.post("/v1/auth/login", null, login);
        assertThat(again.status()).as("active again: signing in works").isEqualTo(200);
        remember(again.json().path("access_token").asText());
        assertThat(http.get("/v1/tenants/" + tenant, token).status()).as("the old session stays revoked").isEqualTo(401);
    }

    @Test
    @Order(100)
    void noTokenOrPasswordInAnyLog() {
        assertThat(TOKENS).hasSizeGreaterThan(10);
        assertThat(logs.lines()).as("captured lines").isNotEmpty();
        for (String token : TOKENS) {
            assertThat(logs.linesRevealing(token)).isEmpty();
        }
        for (String secret : PASSWORDS) {
            assertThat(logs.linesContaining(secret)).isEmpty();
        }
        for (String secret : Set.of(ADMIN_TOKEN, OPERATOR_TOKEN, WORKER_TOKEN)) {
            assertThat(logs.linesContaining(secret)).isEmpty();
        }
        assertThat(logs.linesContaining("event=access_token_refused reason=invalid_token")).isNotEmpty();
        assertThat(logs.linesContaining("event=access_token_refused reason=session_revoked")).isNotEmpty();
        assertThat(logs.linesContaining("event=revocation_feed_unreadable")).as("no feed is read here").isEmpty();
    }

    private static String sid(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("sid");
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode auditDetails(String tenant, String action) throws Exception {
        try (Connection c = SERVICE.database().connectAsSuperuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT details::text FROM audit_log WHERE target_tenant_id = '" + tenant
                     + "' AND action = '" + action + "' ORDER BY id DESC LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            return new ObjectMapper().readTree(rs.getString(1));
        }
    }
}
