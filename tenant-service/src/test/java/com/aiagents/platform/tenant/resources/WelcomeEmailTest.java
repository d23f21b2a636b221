package com.aiagents.platform.tenant.resources;

import static com.aiagents.platform.tenant.testing.TenantServiceExtension.ADMIN_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.OPERATOR_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.PROVISIONING_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.VIEWER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.JsonHttp.Reply;
import com.aiagents.platform.tenant.testing.Mailbox;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The welcome mail against GreenMail, a real SMTP server in this JVM on a free port, and a real
 * tenant-service over PostgreSQL: the steps per SDP edition and webhook mode, no secret in the
 * mail, the one-time link (a GET uses nothing, the POST reveals once, then 410), an expired or
 * superseded link refused as a page and as a JSON error.
 */
class WelcomeEmailTest {
    @RegisterExtension
    @Order(1)
    static final GreenMailExtension SMTP = Mailbox.server();

    @RegisterExtension
    @Order(2)
    static final TenantServiceExtension SERVICE = new TenantServiceExtension()
            .withSettings(Mailbox.settings(SMTP))
            .withSetting("welcome.from", () -> "Platform <platform@aiagents.example>");

    private static JsonHttp http;

    @BeforeAll
    static void client() {
        http = new JsonHttp(SERVICE.baseUrl());
    }

    /** A tenant made active, and the secrets the mail must not show (webhook secret, SDP key). */
    private record Tenant(String id, String email, List<String> secrets) {
    }

    private static Tenant activeTenant(String body, String apiKey) throws SQLException {
        Reply created = http.post("/v1/tenants", OPERATOR_TOKEN, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("tenant_id").asText();
        OffboardingTest.activate(SERVICE, http, id);
        return new Tenant(id, created.json().path("admin_contact_email").asText(),
                List.of(created.json().at("/webhook/secret").asText(), apiKey));
    }

    private static Tenant onPremTokenTenant() throws SQLException {
        String key = "SDP-KEY-" + UUID.randomUUID();
        String id = TenantApiTest.uniqueId("welcome");
        return activeTenant(TenantApiTest.createBody(id, key).replace("\"mode\": \"hmac\"", "\"mode\": \"token\"")
                .replace("admin@acme.example", "admin+" + id + "@acme.example"), key);
    }

    private static MimeMessage mailTo(String recipient) {
        List<MimeMessage> mails = Mailbox.await(SMTP, recipient, 1);
        return mails.get(mails.size() - 1);
    }

    private static List<MimeMessage> mailsTo(String recipient) {
        return Arrays.asList(SMTP.getReceivedMessagesForDomain(recipient));
    }

    private static String token(MimeMessage mail) {
        return Mailbox.token(mail);
    }

    private static String raw(MimeMessage mail) {
        return GreenMailUtil.getWholeMessage(mail);
    }

    @Test
    void theMailHasTheOnPremStepsAndALinkThatRevealsTheSecretOnceThenIsRefused() throws Exception {
        Tenant tenant = onPremTokenTenant();

        Reply sent = http.post("/v1/tenants/" + tenant.id() + "/welcome-email", OPERATOR_TOKEN, "");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.json().path("recipient").asText()).isEqualTo(tenant.email());
        assertThat(sent.json().path("link").asText()).isEqualTo("unused");
        assertThat(sent.body()).doesNotContain("welcome/");

        MimeMessage mail = mailTo(tenant.email());
        String text = raw(mail);
        assertThat(mail.getSubject()).contains(tenant.id()).contains("active");
        assertThat(GreenMailUtil.getBody(mail)).contains("Admin > Automation > Webhooks")
                .contains("http://127.0.0.1:8080/webhook/servicedesk?tenant_id=" + tenant.id())
                .contains("X-Webhook-Token: <the webhook secret from step 1>")
                .doesNotContain("Setup > Automation", "Integrations", "X-ServiceDesk-Signature");
        for (String secret : tenant.secrets()) {
            assertThat(text).as("no secret anywhere in the mail").doesNotContain(secret);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(
                http.get("/v1/tenants/" + tenant.id() + "/welcome-email", VIEWER_TOKEN).json().path("delivery").asText()));

        String token = token(mail);
        assertThat(text).doesNotContain(tenant.secrets().get(0));
        Reply page = http.get("/welcome/" + token, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\">").doesNotContain(tenant.secrets().get(0));
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(http.get("/welcome/" + token, null).status()).as("a GET (a link scanner) uses nothing").isEqualTo(200);

        Reply revealed = http.post("/welcome/" + token, null, null);
        assertThat(revealed.status()).isEqualTo(200);
        assertThat(revealed.body()).contains(tenant.secrets().get(0)).doesNotContain(tenant.secrets().get(1));
        assertThat(revealed.header("Referrer-Policy")).isEqualTo("no-referrer");

        Reply again = http.post("/welcome/" + token, null, null);
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.body()).contains("already been used").doesNotContain(tenant.secrets().get(0));
        Reply json = http.send("POST", "/welcome/" + token, null, null, "Accept", "application/json");
        assertThat(json.status()).isEqualTo(410);
        assertThat(json.json().path("error").asText()).isEqualTo("link_used");
        assertThat(json.json().path("code").asInt()).isEqualTo(410);
        assertThat(json.body()).doesNotContain(tenant.secrets().get(0));
        assertThat(http.get("/welcome/" + token, null).status()).isEqualTo(410);

        Reply status = http.get("/v1/tenants/" + tenant.id() + "/welcome-email", OPERATOR_TOKEN);
        assertThat(status.json().path("link").asText()).isEqualTo("revealed");
        assertThat(status.json().path("attempts").asInt()).isEqualTo(1);
        assertThat(auditActions(tenant.id())).contains("tenant.welcome_email_sent", "tenant.webhook_secret_revealed");
        assertThat(storedColumns(tenant.id())).as("only the token's hash is stored").doesNotContain(token);
    }

    @Test
    void cloudAndMspTenantsGetTheirEditionsStepsAndHmacModeTheSignatureSteps() throws Exception {
        String cloudKey = "SDP-KEY-" + UUID.randomUUID();
        String cloudId = TenantApiTest.uniqueId("cloud");
        Tenant cloud = activeTenant(TenantApiTest.createBody(cloudId, cloudKey)
                .replace("\"servicedesk_edition\": \"onprem\"", "\"servicedesk_edition\": \"cloud\"")
                .replace("\"api_key\": \"" + cloudKey + "\"", "\"client_id\": \"cid\", \"client_secret\": \""
                        + cloudKey + "\", \"refresh_token\": \"rt-" + cloudKey + "\"")
                .replace("admin@acme.example", "admin@" + cloudId + ".example"), cloudKey);
        String mspId = TenantApiTest.uniqueId("msp");
        Tenant msp = activeTenant(MspTenantTest.mspBody(mspId, null)
                .replace("admin@northwind.example", "admin@" + mspId + ".example"), "MSP-TECH-KEY-1");

        assertThat(http.post("/v1/tenants/" + cloud.id() + "/welcome-email", ADMIN_TOKEN, "").status()).isEqualTo(202);
        assertThat(http.post("/v1/tenants/" + msp.id() + "/welcome-email", PROVISIONING_TOKEN, "", "X-Acting-For", "alice")
                .status()).isEqualTo(202);

        String cloudText = GreenMailUtil.getBody(mailTo(cloud.email()));
        assertThat(cloudText).contains("ServiceDesk Plus Cloud", "Setup > Automation > Webhooks",
                "X-ServiceDesk-Signature", "custom function (Deluge)").doesNotContain("Admin > ", "X-Webhook-Token");
        String mspText = GreenMailUtil.getBody(mailTo(msp.email()));
        assertThat(mspText).contains("ServiceDesk Plus MSP", "Admin > Integrations > Webhooks", "Contoso, Fabrikam",
                "custom script action").doesNotContain("Admin > Automation", "Setup > ");
        for (Tenant t : List.of(cloud, msp)) {
            String whole = raw(mailTo(t.email()));
            for (String secret : t.secrets()) {
                assertThat(whole).doesNotContain(secret);
            }
        }
        assertThat(auditDetails(msp.id(), "tenant.welcome_email_sent")).contains("alice");
    }

    @Test
    void anExpiredLinkIsRefusedAndAResendSupersedesTheOlderLink() throws Exception {
        Tenant tenant = onPremTokenTenant();
        http.post("/v1/tenants/" + tenant.id() + "/welcome-email", OPERATOR_TOKEN, "");
        String first = token(mailTo(tenant.email()));
        expireLinks(tenant.id());

        Reply expired = http.get("/welcome/" + first, null);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("expired");
        Reply expiredJson = http.send("POST", "/welcome/" + first, null, null, "Accept", "application/json");
        assertThat(expiredJson.status()).isEqualTo(410);
        assertThat(expiredJson.json().path("error").asText()).isEqualTo("link_expired");
        assertThat(http.get("/v1/tenants/" + tenant.id() + "/welcome-email", OPERATOR_TOKEN).json().path("link").asText())
                .isEqualTo("expired");

        // the resend: a new mail, a new link; the older link stops working even were it still valid
        Reply resent = http.post("/v1/tenants/" + tenant.id() + "/welcome-email", OPERATOR_TOKEN, "");
        assertThat(resent.status()).isEqualTo(202);
        Mailbox.await(SMTP, tenant.email(), 2);
        String second = token(mailsTo(tenant.email()).get(1));
        assertThat(second).isNotEqualTo(first);
        Reply third = http.post("/v1/tenants/" + tenant.id() + "/welcome-email", OPERATOR_TOKEN, "");
        assertThat(third.status()).isEqualTo(202);
        Mailbox.await(SMTP, tenant.email(), 3);
        Reply superseded = http.send("POST", "/welcome/" + second, null, null, "Accept", "application/json");
        assertThat(superseded.status()).isEqualTo(410);
        assertThat(superseded.json().path("error").asText()).isEqualTo("link_superseded");
        String latest = token(mailsTo(tenant.email()).get(2));
        Reply revealed = http.send("POST", "/welcome/" + latest, null, null, "Accept", "application/json");
        assertThat(revealed.status()).isEqualTo(200);
        assertThat(revealed.json().at("/webhook/secret").asText()).isEqualTo(tenant.secrets().get(0));
        assertThat(revealed.json().at("/webhook/signature_header").asText()).isEqualTo("X-Webhook-Token");
    }

    @Test
    void onlyActiveTenantsOperatorsAndAdminsAndFirstOnlyOnce() throws Exception {
        String id = TenantApiTest.uniqueId("inactive");
        assertThat(http.post("/v1/tenants", OPERATOR_TOKEN, TenantApiTest.createBody(id, "K-" + UUID.randomUUID())
                .replace("admin@acme.example", "admin@" + id + ".example")).status()).isEqualTo(201);
        Reply notActive = http.post("/v1/tenants/" + id + "/welcome-email", OPERATOR_TOKEN, "");
        assertThat(notActive.status()).isEqualTo(409);
        assertThat(notActive.json().path("error").asText()).isEqualTo("tenant_not_active");
        assertThat(http.get("/v1/tenants/" + id + "/welcome-email", OPERATOR_TOKEN).status()).isEqualTo(404);
        assertThat(http.post("/v1/tenants/no-such-tenant/welcome-email", OPERATOR_TOKEN, "").status()).isEqualTo(404);

        Tenant tenant = onPremTokenTenant();
        assertThat(http.post("/v1/tenants/" + tenant.id() + "/welcome-email", VIEWER_TOKEN, "").status()).isEqualTo(403);
        assertThat(http.post("/v1/tenants/" + tenant.id() + "/welcome-email", null, "").status()).isEqualTo(401);
        Reply first = http.post("/v1/tenants/" + tenant.id() + "/welcome-email?first=true", PROVISIONING_TOKEN, "");
        assertThat(first.status()).isEqualTo(202);
        Reply repeated = http.post("/v1/tenants/" + tenant.id() + "/welcome-email?first=true", PROVISIONING_TOKEN, "");
        assertThat(repeated.json().path("requested_at").asText()).as("the same mail, nothing new")
                .isEqualTo(first.json().path("requested_at").asText());
        mailTo(tenant.email());
        assertThat(mailsTo(tenant.email())).hasSize(1);

        assertThat(http.get("/welcome/not-a-token", null).status()).isEqualTo(404);
        Reply unknown = http.send("POST", "/welcome/" + tenant.id() + "." + "A".repeat(43), null, null,
                "Accept", "application/json");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).isEqualTo("link_unknown");
    }

    private static void expireLinks(String tenantId) throws SQLException {
        try (Connection c = SERVICE.database().connectAsSuperuser(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE welcome_emails SET expires_at = now() - interval '1 second' WHERE tenant_id = '"
                    + tenantId + "'");
        }
    }

    private static String storedColumns(String tenantId) throws SQLException {
        try (Connection c = SERVICE.database().connectAsSuperuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT w::text FROM welcome_emails w WHERE tenant_id = '" + tenantId + "'")) {
            StringBuilder all = new StringBuilder();
            while (rs.next()) {
                all.append(rs.getString(1));
            }
            return all.toString();
        }
    }

    private static List<String> auditActions(String tenantId) throws SQLException {
        List<String> actions = new ArrayList<>();
        try (Connection c = SERVICE.database().connectAsSuperuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT action FROM audit_log WHERE target_tenant_id = '" + tenantId + "'")) {
            while (rs.next()) {
                actions.add(rs.getString(1));
            }
        }
        return actions;
    }

    private static String auditDetails(String tenantId, String action) throws SQLException {
        try (Connection c = SERVICE.database().connectAsSuperuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT actor || ' ' || details::text FROM audit_log WHERE target_tenant_id = '"
                     + tenantId + "' AND action = '" + action + "'")) {
            return rs.next() ? rs.getString(1) : "";
        }
    }
}
