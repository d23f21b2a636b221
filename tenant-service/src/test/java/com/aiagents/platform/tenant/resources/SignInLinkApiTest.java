package com.aiagents.platform.tenant.resources;

import static com.aiagents.platform.tenant.testing.TenantServiceExtension.ADMIN_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.JsonHttp.Reply;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import com.aiagents.platform.testing.LogCapture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One-time sign-in links through real HTTP against a real tenant-service and PostgreSQL
 * (docs/people-and-access.md#one-time-sign-in-links): who may create them, one redeem each, the same
 * 401 for every refusal, the audit entry, only the code's hash stored and no code in any log line.
 */
class SignInLinkApiTest {
    @RegisterExtension
    static final TenantServiceExtension SERVICE = new TenantServiceExtension();

    private static JsonHttp http;
    private static LogCapture logs;
    private static final List<String> CODES = new ArrayList<>();

    @BeforeAll
    static void client() {
        http = new JsonHttp(SERVICE.baseUrl());
        logs = LogCapture.attach();
    }

    @AfterAll
    static void noCodeWasLoggedOrStored() throws SQLException {
        logs.close();
        assertThat(CODES).hasSizeGreaterThan(3);
        for (String code : CODES) {
            assertThat(logs.linesContaining(code)).as("log lines containing a sign-in code").isEmpty();
        }
        try (Connection c = SERVICE.database().connectAsOwner();
             PreparedStatement st = c.prepareStatement("SELECT count(*) FROM sign_in_links WHERE code_sha256 = ?")) {
            for (String code : CODES) {
                st.setString(1, code);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("a code stored in the clear").isZero();
                }
            }
        }
    }

    static String createUser(String token, String role, String tenantId) {
        String email = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@msp.example";
        String body = "{\"email\": \"" + email + "\", \"password\": \"pw-" + UUID.randomUUID() + "\", \"role\": \"" + role + "\""
                + (tenantId == null ? "" : ", \"tenant_id\": \"" + tenantId + "\"") + "}";
        Reply created = http.post("/v1/users", token, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return email;
    }

    static Reply create(String token, String body) {
        Reply reply = http.post("/v1/auth/sign-in-links", token, body);
        if (reply.status() == 201) {
            CODES.add(reply.json().path("code").asText());
        }
        return reply;
    }

    static String code(String email) {
        Reply created = create(ADMIN_TOKEN, "{\"email\": \"" + email + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("code").asText();
    }

    static Reply redeem(String code) {
        return http.post("/v1/auth/sign-in-links/redeem", null, "{\"code\": \"" + code + "\"}");
    }

    @Test
    void theBreakGlassTokenGetsACodeThatSignsInOnceLikeALogin() throws SQLException {
        String email = createUser(ADMIN_TOKEN, "admin", null);
        Reply created = create(ADMIN_TOKEN, "{\"email\": \"" + email.toUpperCase() + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String code = created.json().path("code").asText();
        assertThat(code).matches("[A-Za-z0-9_-]{43}"); // 256 bits, base64url
        assertThat(created.json().path("expires_in").asLong()).isEqualTo(120);

        Reply signedIn = redeem(code);
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(signedIn.json().path("expires_in").asLong()).isBetween(840L, 900L);
        assertThat(signedIn.json().at("/user/email").asText()).isEqualTo(email);
        assertThat(signedIn.json().at("/user/role").asText()).isEqualTo("admin");
        String token = signedIn.json().path("access_token").asText();
        Reply me = http.get("/v1/me", token);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().at("/user/email").asText()).isEqualTo(email);

        Reply again = redeem(code);
        Reply unknown = redeem("x" + code.substring(1));
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.json().path("error").asText()).isEqualTo("invalid_sign_in_link");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(again.body());

        try (Connection c = SERVICE.database().connectAsOwner();
             PreparedStatement st = c.prepareStatement("SELECT actor, actor_role, details->>'email' FROM audit_log "
                     + "WHERE action = 'user.sign_in_link_created' AND details->>'user_id' = ?")) {
            st.setString(1, signedIn.json().at("/user/id").asText());
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isNotBlank();
                assertThat(rs.getString(2)).isEqualTo("admin");
                assertThat(rs.getString(3)).isEqualTo(email);
            }
        }
    }

    @Test
    void aSignedInAdminNamesThePersonByIdAndTheAuditNamesTheAdmin() throws SQLException {
        String adminEmail = createUser(ADMIN_TOKEN, "admin", null);
        Reply admin = redeem(code(adminEmail));
        String adminToken = admin.json().path("access_token").asText();
        String adminId = admin.json().at("/user/id").asText();
        String operator = createUser(ADMIN_TOKEN, "operator", null);
        String operatorId = redeem(code(operator)).json().at("/user/id").asText();

        Reply created = create(adminToken, "{\"user_id\": \"" + operatorId + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Reply signedIn = redeem(created.json().path("code").asText());
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.json().at("/user/id").asText()).isEqualTo(operatorId);
        assertThat(signedIn.json().at("/user/role").asText()).isEqualTo("operator");

        try (Connection c = SERVICE.database().connectAsOwner();
             PreparedStatement st = c.prepareStatement("SELECT actor, details->>'actor_user_id' FROM audit_log "
                     + "WHERE action = 'user.sign_in_link_created' AND details->>'user_id' = ? AND actor = ?")) {
            st.setString(1, operatorId);
            st.setString(2, adminEmail);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("the audit entry names the admin who asked").isTrue();
                assertThat(rs.getString(2)).isEqualTo(adminId);
            }
        }
    }

    @Test
    void onlyAnAdminCreatesLinks() {
        String operator = createUser(ADMIN_TOKEN, "operator", null);
        String operatorToken = redeem(code(operator)).json().path("access_token").asText();
        String viewer = createUser(ADMIN_TOKEN, "viewer", null);

        Reply byOperatorPerson = create(operatorToken, "{\"email\": \"" + viewer + "\"}");
        Reply byOperatorToken = create(OPERATOR_TOKEN, "{\"email\": \"" + viewer + "\"}");
        Reply anonymous = create(null, "{\"email\": \"" + viewer + "\"}");
        assertThat(byOperatorPerson.status()).as(byOperatorPerson.body()).isEqualTo(403);
        assertThat(byOperatorToken.status()).as(byOperatorToken.body()).isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(create(ADMIN_TOKEN, "{\"email\": \"nobody-" + UUID.randomUUID() + "@msp.example\"}").status()).isEqualTo(404);
        assertThat(create(ADMIN_TOKEN, "{\"user_id\": \"" + UUID.randomUUID() + "\"}").status()).isEqualTo(404);
        assertThat(create(ADMIN_TOKEN, "{\"email\": \"" + viewer + "\", \"user_id\": \"x\"}").status()).isEqualTo(400);
    }

    @Test
    void aDisabledAccountOrASuspendedTenantsUserIsRefusedAtRedeemWithTheSameAnswer() throws SQLException {
        String viewer = createUser(ADMIN_TOKEN, "viewer", null);
        String code = code(viewer);
        String viewerId = redeem(code(viewer)).json().at("/user/id").asText();
        assertThat(http.post("/v1/users/" + viewerId + "/disable", ADMIN_TOKEN, "").status()).isEqualTo(200);
        Reply disabled = redeem(code);
        assertThat(disabled.status()).isEqualTo(401);
        assertThat(disabled.json().path("error").asText()).isEqualTo("invalid_sign_in_link");
        Reply refusedAtCreate = create(ADMIN_TOKEN, "{\"email\": \"" + viewer + "\"}");
        assertThat(refusedAtCreate.status()).isEqualTo(409);
        assertThat(refusedAtCreate.json().path("error").asText()).isEqualTo("user_cannot_sign_in");

        String tenant = TenantApiTest.uniqueId("link");
        Reply tenantCreated = http.post("/v1/tenants", OPERATOR_TOKEN, TenantApiTest.createBody(tenant, "sdp-key-" + UUID.randomUUID()));
        assertThat(tenantCreated.status()).as(tenantCreated.body()).isEqualTo(201);
        setStatus(tenant, "active");
        String tenantViewer = createUser(ADMIN_TOKEN, "tenant_viewer", tenant);
        String tenantCode = code(tenantViewer);
        Reply works = redeem(code(tenantViewer));
        assertThat(works.status()).as(works.body()).isEqualTo(200);
        assertThat(works.json().at("/user/tenant_id").asText()).isEqualTo(tenant);
        setStatus(tenant, "suspended");
        Reply suspended = redeem(tenantCode);
        assertThat(suspended.status()).isEqualTo(401);
        assertThat(suspended.body()).isEqualTo(disabled.body());
    }

    /** Straight in the database (the API's way to active needs passed gate runs): the owner under the tenant's RLS. */
    private static void setStatus(String tenant, String status) throws SQLException {
        try (Connection c = SERVICE.database().connectAsOwner()) {
            try (PreparedStatement context = c.prepareStatement("SELECT set_config('app.current_tenant_id', ?, false)")) {
                context.setString(1, tenant);
                context.executeQuery().close();
            }
            try (PreparedStatement st = c.prepareStatement("UPDATE tenant_configs SET status = ? WHERE tenant_id = ?")) {
                st.setString(1, status);
                st.setString(2, tenant);
                assertThat(st.executeUpdate()).isEqualTo(1);
            }
        }
    }
}
