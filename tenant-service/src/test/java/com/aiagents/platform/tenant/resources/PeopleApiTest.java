package com.aiagents.platform.tenant.resources;

import static com.aiagents.platform.tenant.testing.TenantServiceExtension.ADMIN_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.GATEWAY_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.OPERATOR_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.WORKER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.JsonHttp.Reply;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import com.aiagents.platform.testing.LogCapture;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * People through real HTTP against a real tenant-service and PostgreSQL (docs/people-and-access.md):
 * sign-in, the token and its published keys, throttling, sign-out and the revoked-sessions feed,
 * who may create, list, disable and delete whom, the audit trail, and no password, hash or token in any log
 * line or response.
 */
class PeopleApiTest {
    static final int PER_ACCOUNT = 3;
    static final int PER_ADDRESS = 6;

    @RegisterExtension
    static final TenantServiceExtension SERVICE = new TenantServiceExtension()
            .withConfig("auth.signIn.maxFailuresPerAccount", Integer.toString(PER_ACCOUNT))
            .withConfig("auth.signIn.maxFailuresPerAddress", Integer.toString(PER_ADDRESS));

    private static JsonHttp http;
    private static LogCapture logs;
    private static final List<String> SECRETS = new ArrayList<>();
    private static final List<String> RESPONSES = new ArrayList<>();

    @BeforeAll
    static void client() {
        http = new JsonHttp(SERVICE.baseUrl());
        logs = LogCapture.attach();
    }

    @AfterAll
    static void noPasswordHashOrTokenWasLoggedOrAnswered() {
        logs.close();
        assertThat(SECRETS).hasSizeGreaterThan(5);
        for (String secret : SECRETS) {
            assertThat(logs.linesContaining(secret)).as("log lines containing a password or token").isEmpty();
        }
        assertThat(logs.linesContaining("$argon2")).as("log lines containing a password hash").isEmpty();
        for (String body : RESPONSES) {
            assertThat(body).doesNotContain("$argon2").doesNotContainIgnoringCase("password_hash");
            for (String secret : SECRETS) {
                if (!secret.startsWith("eyJ")) { // a token is in its own login answer, and only there
                    assertThat(body).doesNotContain(secret);
                }
            }
        }
    }

    static String password() {
        String password = "pw-" + UUID.randomUUID();
        SECRETS.add(password);
        return password;
    }

    static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@msp.example";
    }

    static Reply createUser(String token, String email, String password, String role, String tenantId) {
        String body = "{\"email\": \"" + email + "\", \"password\": \"" + password + "\", \"role\": \"" + role + "\""
                + (tenantId == null ? "" : ", \"tenant_id\": \"" + tenantId + "\"") + "}";
        return remember(http.post("/v1/users", token, body));
    }

    static Reply login(String email, String password) {
        Reply reply = remember(http.post("/v1/auth/login", null,
                "{\"email\": \"" + email + "\", \"password\": \"" + password + "\"}"));
        if (reply.status() == 200) {
            SECRETS.add(reply.json().path("access_token").asText());
        }
        return reply;
    }

    static String signIn(String email, String password) {
        Reply reply = login(email, password);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("access_token").asText();
    }

    static Reply remember(Reply reply) {
        RESPONSES.add(reply.body());
        return reply;
    }

    static String tenant(String prefix) {
        String id = TenantApiTest.uniqueId(prefix);
        String apiKey = "sdp-key-" + UUID.randomUUID();
        SECRETS.add(apiKey);
        Reply created = http.post("/v1/tenants", OPERATOR_TOKEN, TenantApiTest.createBody(id, apiKey));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        SECRETS.add(created.json().at("/webhook/secret").asText());
        return id;
    }

    @Test
    void theBreakGlassTokenCreatesAnAdminWhoSignsInWithATokenEveryServiceCanVerify() throws Exception {
        String email = email("first-admin");
        String password = password();
        Reply created = createUser(ADMIN_TOKEN, email, password, "admin", null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("role").asText()).isEqualTo("admin");
        assertThat(created.json().has("tenant_id")).isFalse();

        Reply login = login(email.toUpperCase(), password);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(login.json().path("expires_in").asLong()).isBetween(840L, 900L);
        assertThat(login.json().at("/user/email").asText()).isEqualTo(email);
        assertThat(login.json().at("/user/id").asText()).isEqualTo(created.json().path("id").asText());
        String token = login.json().path("access_token").asText();

        // verified with nimbus against the published key set alone, as another service would
        Reply jwks = http.get("/.well-known/jwks.json", null);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                new ImmutableJWKSet<>(JWKSet.parse(jwks.body()))));
        JWTClaimsSet claims = processor.process(token, null);
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(JWKSet.parse(jwks.body()).getKeys().get(0).getKeyID());
        assertThat(claims.getIssuer()).isEqualTo("ai-agents-platform");
        assertThat(claims.getAudience()).containsExactly("ai-agents-platform");
        assertThat(claims.getSubject()).isEqualTo(created.json().path("id").asText());
        assertThat(claims.getStringClaim("email")).isEqualTo(email);
        assertThat(claims.getStringClaim("role")).isEqualTo("admin");
        assertThat(claims.getClaim("tenant_id")).isNull();
        assertThat(UUID.fromString(claims.getStringClaim("sid"))).isNotNull();
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now().plusSeconds(800));

        Reply me = remember(http.get("/v1/me", token));
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().at("/user/email").asText()).isEqualTo(email);
        assertThat(me.json().at("/user/role").asText()).isEqualTo("admin");
    }

    @Test
    void theKeySetIsPublicCacheableAndHoldsPublicPartsOnly() throws Exception {
        Reply jwks = http.get("/.well-known/jwks.json", null);
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.header("Cache-Control")).contains("max-age=300");
        JWKSet set = JWKSet.parse(jwks.body());
        assertThat(set.getKeys()).isNotEmpty();
        for (JWK key : set.getKeys()) {
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.getKeyID()).isNotBlank();
        }
        for (JsonNode key : jwks.json().path("keys")) {
            assertThat(key.has("d")).as("private part in " + key).isFalse();
            assertThat(key.path("kty").asText()).isEqualTo("EC");
            assertThat(key.path("crv").asText()).isEqualTo("P-256");
        }
    }

    @Test
    void aWrongPasswordAndAnUnknownAddressGetTheSameAnswer() {
        String email = email("viewer");
        String password = password();
        assertThat(createUser(ADMIN_TOKEN, email, password, "viewer", null).status()).isEqualTo(201);
        Reply wrongPassword = login(email, password());
        Reply unknown = login(email("nobody"), password);
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrongPassword.body());
        assertThat(wrongPassword.json().path("error").asText()).isEqualTo("invalid_credentials");
        assertThat(login(email, password).status()).as("and the right one still works").isEqualTo(200);
    }

    @Test
    void repeatedFailuresForOneAccountAreThrottledEvenWithTheRightPassword() {
        String email = email("target");
        String password = password();
        assertThat(createUser(ADMIN_TOKEN, email, password, "operator", null).status()).isEqualTo(201);
        clearFailures();
        for (int i = 0; i < PER_ACCOUNT; i++) {
            assertThat(login(email, password()).status()).isEqualTo(401);
        }
        Reply throttled = login(email, password);
        assertThat(throttled.status()).as(throttled.body()).isEqualTo(429);
        assertThat(throttled.json().path("error").asText()).isEqualTo("too_many_attempts");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 15 * 60L);
        assertThat(login(email("someone-else"), password()).status()).as("other accounts are not held up").isEqualTo(401);
        clearFailures();
        assertThat(login(email, password).status()).as("once the failures are gone").isEqualTo(200);
    }

    @Test
    void repeatedFailuresFromOneAddressAreThrottledAcrossAccounts() {
        String email = email("bystander");
        String password = password();
        assertThat(createUser(ADMIN_TOKEN, email, password, "viewer", null).status()).isEqualTo(201);
        clearFailures();
        try {
            for (int i = 0; i < PER_ADDRESS; i++) {
                assertThat(login(email("guess-" + i), password()).status()).isEqualTo(401);
            }
            Reply throttled = login(email, password);
            assertThat(throttled.status()).as(throttled.body()).isEqualTo(429);
            assertThat(throttled.header("Retry-After")).isNotNull();
        } finally {
            clearFailures();
        }
    }

    @Test
    void signingOutRevokesTheSessionHereAndInTheFeed() {
        String email = email("leaver");
        String password = password();
        assertThat(createUser(ADMIN_TOKEN, email, password, "operator", null).status()).isEqualTo(201);
        Instant before = Instant.now().minusSeconds(60);
        String token = signIn(email, password);
        String sid = sid(token);
        assertThat(http.get("/v1/me", token).status()).isEqualTo(200);

        assertThat(http.post("/v1/auth/logout", token, null).status()).isEqualTo(204);
        assertThat(http.get("/v1/me", token).status()).as("the token is refused at once here").isEqualTo(401);
        assertThat(http.post("/v1/auth/logout", token, null).status()).isEqualTo(401);

        Reply feed = remember(http.get("/internal/v1/auth/revoked-sessions?since=" + before, WORKER_TOKEN));
        assertThat(feed.status()).as(feed.body()).isEqualTo(200);
        assertThat(feed.element("revoked", "sid", sid).path("revoked_at").asText()).isNotBlank();
        assertThat(Instant.parse(feed.json().path("as_of").asText())).isAfter(before);
        assertThat(http.get("/internal/v1/auth/revoked-sessions?since=" + before, GATEWAY_TOKEN).status()).isEqualTo(200);

        Reply later = http.get("/internal/v1/auth/revoked-sessions?since=" + Instant.now().plusSeconds(60), WORKER_TOKEN);
        assertThat(later.json().path("revoked")).isEmpty();
        assertThat(http.get("/internal/v1/auth/revoked-sessions?since=" + before, ADMIN_TOKEN).status())
                .as("for services only").isEqualTo(403);
        assertThat(http.get("/internal/v1/auth/revoked-sessions?since=yesterday", WORKER_TOKEN).status()).isEqualTo(400);
    }

    @Test
    void aTenantAdminManagesOnlyItsOwnTenantsUsers() throws SQLException {
        String tenantA = tenant("people-a");
        String tenantB = tenant("people-b");
        String adminA = email("admin-a");
        String adminAPassword = password();
        Reply createdA = createUser(ADMIN_TOKEN, adminA, adminAPassword, "tenant_admin", tenantA);
        assertThat(createdA.status()).as(createdA.body()).isEqualTo(201);
        assertThat(createdA.json().path("tenant_id").asText()).isEqualTo(tenantA);
        String viewerB = email("viewer-b");
        Reply createdB = createUser(ADMIN_TOKEN, viewerB, password(), "tenant_viewer", tenantB);
        assertThat(createdB.status()).isEqualTo(201);
        String viewerBId = createdB.json().path("id").asText();

        String token = signIn(adminA, adminAPassword);
        assertThat(claim(token, "tenant_id")).isEqualTo(tenantA);
        assertThat(claim(token, "role")).isEqualTo("tenant_admin");

        Reply viewer = createUser(token, email("viewer-a"), password(), "tenant_viewer", null);
        assertThat(viewer.status()).as(viewer.body()).isEqualTo(201);
        assertThat(viewer.json().path("tenant_id").asText()).as("its own tenant, implied").isEqualTo(tenantA);
        for (String staff : List.of("admin", "operator", "viewer")) {
            Reply refused = createUser(token, email("staff"), password(), staff, null);
            assertThat(refused.status()).as(staff + ": " + refused.body()).isEqualTo(403);
        }
        Reply otherTenant = createUser(token, email("intruder"), password(), "tenant_admin", tenantB);
        assertThat(otherTenant.status()).as("another tenant is 404, not 403").isEqualTo(404);

        Reply list = remember(http.get("/v1/users", token));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("users")).hasSize(2).allSatisfy(u -> assertThat(u.path("tenant_id").asText()).isEqualTo(tenantA));
        assertThat(http.get("/v1/users?tenant_id=" + tenantB, token).status()).isEqualTo(404);
        assertThat(http.delete("/v1/users/" + viewerBId, token).status()).isEqualTo(404);
        assertThat(http.delete("/v1/users/" + viewerBId + "?tenant_id=" + tenantB, token).status()).isEqualTo(404);

        Reply adminView = http.get("/v1/users?tenant_id=" + tenantB, ADMIN_TOKEN);
        assertThat(adminView.json().path("users")).hasSize(1);
        Reply staffView = http.get("/v1/users", ADMIN_TOKEN);
        assertThat(staffView.json().path("users")).allSatisfy(u -> assertThat(u.has("tenant_id")).isFalse());

        // the audit trail names the tenant admin who created the viewer
        try (Connection c = SERVICE.database().connectAsOwner();
             PreparedStatement st = c.prepareStatement("SELECT actor, actor_role, details->>'actor_user_id' FROM audit_log "
                     + "WHERE action = 'user.created' AND details->>'user_id' = ?")) {
            st.setString(1, viewer.json().path("id").asText());
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(adminA);
                assertThat(rs.getString(2)).isEqualTo("tenant_admin");
                assertThat(rs.getString(3)).isEqualTo(createdA.json().path("id").asText());
            }
        }
    }

    @Test
    void deletingAUserRevokesItsSessionsAndItsSignIn() {
        String tenantId = tenant("people-del");
        String email = email("gone");
        String password = password();
        Reply created = createUser(ADMIN_TOKEN, email, password, "tenant_viewer", tenantId);
        String id = created.json().path("id").asText();
        Instant before = Instant.now().minusSeconds(60);
        String token = signIn(email, password);
        assertThat(remember(http.get("/v1/me", token)).json().at("/user/tenant_id").asText()).isEqualTo(tenantId);
        assertThat(http.get("/v1/users", token).status()).as("a tenant_viewer manages no users").isEqualTo(403);

        assertThat(http.delete("/v1/users/" + id, ADMIN_TOKEN).status()).as("not a staff account").isEqualTo(404);
        assertThat(http.delete("/v1/users/" + id + "?tenant_id=" + tenantId, ADMIN_TOKEN).status()).isEqualTo(204);
        assertThat(http.get("/v1/me", token).status()).isEqualTo(401);
        assertThat(login(email, password).status()).isEqualTo(401);
        Reply feed = http.get("/internal/v1/auth/revoked-sessions?since=" + before, WORKER_TOKEN);
        feed.element("revoked", "sid", sid(token));
        assertThat(createUser(ADMIN_TOKEN, email, password(), "tenant_viewer", tenantId).status())
                .as("the address is free again").isEqualTo(201);
    }

    @Test
    void disablingAUserRevokesItsSessionsAtOnceAndItsSignInUntilEnabled() throws SQLException {
        clearFailures();
        String tenantId = tenant("people-dis");
        String adminEmail = email("t-admin");
        String adminPassword = password();
        String adminId = createUser(ADMIN_TOKEN, adminEmail, adminPassword, "tenant_admin", tenantId).json().path("id").asText();
        String viewerEmail = email("t-viewer");
        String viewerPassword = password();
        String viewerId = createUser(ADMIN_TOKEN, viewerEmail, viewerPassword, "tenant_viewer", tenantId).json().path("id").asText();
        String staffId = createUser(ADMIN_TOKEN, email("staff"), password(), "viewer", null).json().path("id").asText();
        Instant before = Instant.now().minusSeconds(60);
        String viewer = signIn(viewerEmail, viewerPassword);
        String admin = signIn(adminEmail, adminPassword);
        assertThat(http.get("/v1/me", viewer).status()).isEqualTo(200);

        Reply disabled = remember(http.post("/v1/users/" + viewerId + "/disable", admin, null));
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().path("disabled").asBoolean()).isTrue();
        assertThat(http.get("/v1/me", viewer).status()).as("its token is refused at once").isEqualTo(401);
        Reply refused = login(viewerEmail, viewerPassword);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).as("the same answer as a wrong password").isEqualTo(login(viewerEmail, password()).body());
        Reply feed = http.get("/internal/v1/auth/revoked-sessions?since=" + before, WORKER_TOKEN);
        assertThat(feed.element("revoked", "sid", sid(viewer)).path("revoked_at").asText()).isNotBlank();
        assertThat(remember(http.post("/v1/users/" + viewerId + "/disable", admin, null)).status())
                .as("again: nothing changes").isEqualTo(200);

        // the rules of DELETE: a tenant_admin reaches its own tenant's users only; nobody disables themselves
        assertThat(http.post("/v1/users/" + staffId + "/disable", admin, null).status()).isEqualTo(404);
        assertThat(http.post("/v1/users/" + adminId + "/disable", admin, null).status()).isEqualTo(409);
        assertThat(http.post("/v1/users/" + viewerId + "/enable", OPERATOR_TOKEN, null).status()).isEqualTo(403);
        assertThat(http.post("/v1/users/" + viewerId + "/enable", WORKER_TOKEN, null).status()).isEqualTo(403);
        assertThat(http.post("/v1/users/" + viewerId + "/enable", null, null).status()).isEqualTo(401);
        assertThat(http.post("/v1/users/not-a-uuid/enable", ADMIN_TOKEN, null).status()).isEqualTo(404);
        assertThat(http.post("/v1/users/" + viewerId + "/enable", ADMIN_TOKEN, null).status())
                .as("an admin names a tenant user's tenant").isEqualTo(404);

        Reply enabled = remember(http.post("/v1/users/" + viewerId + "/enable?tenant_id=" + tenantId, ADMIN_TOKEN, null));
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        assertThat(enabled.json().path("disabled").asBoolean()).isFalse();
        String again = signIn(viewerEmail, viewerPassword);
        assertThat(http.get("/v1/me", again).status()).isEqualTo(200);
        assertThat(http.get("/v1/me", viewer).status()).as("the revoked session stays revoked").isEqualTo(401);

        Reply staff = remember(http.post("/v1/users/" + staffId + "/disable", ADMIN_TOKEN, null));
        assertThat(staff.json().path("disabled").asBoolean()).as("a staff account, no tenant named").isTrue();

        try (Connection c = SERVICE.database().connectAsOwner();
             PreparedStatement st = c.prepareStatement("SELECT action, actor, actor_role, details->>'sessions_revoked' "
                     + "FROM audit_log WHERE action IN ('user.disabled', 'user.enabled') AND details->>'user_id' = ? ORDER BY id")) {
            st.setString(1, viewerId);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("user.disabled");
                assertThat(rs.getString(2)).isEqualTo(adminEmail);
                assertThat(rs.getString(3)).isEqualTo("tenant_admin");
                assertThat(rs.getString(4)).isEqualTo("1");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("user.enabled");
                assertThat(rs.getString(2)).isEqualTo("test-admin");
                assertThat(rs.next()).as("a repeated disable is not audited again").isFalse();
            }
        }
        clearFailures();
    }

    @Test
    void accountsAreValidatedAndUniqueWhateverTheCase() {
        Reply shortPassword = createUser(ADMIN_TOKEN, email("short"), "short-pw", "viewer", null);
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.body()).contains("at least 12").doesNotContain("short-pw");
        assertThat(createUser(ADMIN_TOKEN, email("x"), password(), "tenant_viewer", null).status()).isEqualTo(400);
        assertThat(createUser(ADMIN_TOKEN, email("x"), password(), "viewer", "some-tenant").status()).isEqualTo(400);
        assertThat(createUser(ADMIN_TOKEN, email("x"), password(), "tenant_viewer", "no-such-tenant").status()).isEqualTo(404);
        assertThat(createUser(OPERATOR_TOKEN, email("x"), password(), "viewer", null).status()).isEqualTo(403);
        assertThat(createUser(WORKER_TOKEN, email("x"), password(), "viewer", null).status()).isEqualTo(403);
        assertThat(createUser(null, email("x"), password(), "viewer", null).status()).isEqualTo(401);
        assertThat(createUser("not-a-token-at-all", email("x"), password(), "viewer", null).status()).isEqualTo(401);
        String email = email("twice");
        assertThat(createUser(ADMIN_TOKEN, email, password(), "viewer", null).status()).isEqualTo(201);
        Reply again = createUser(ADMIN_TOKEN, email.toUpperCase(), password(), "operator", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("error").asText()).isEqualTo("email_taken");
    }

    private static void clearFailures() {
        try (Connection c = SERVICE.database().connectAsOwner(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM sign_in_failures");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sid(String token) {
        return claim(token, "sid");
    }

    private static String claim(String token, String name) {
        try {
            return (String) SignedJWT.parse(token).getJWTClaimsSet().getClaim(name);
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }
}
