package com.aiagents.platform.integration.onboarding;

import static com.aiagents.platform.integration.support.Platform.ADMIN;
import static com.aiagents.platform.integration.support.Platform.OPERATOR;
import static com.aiagents.platform.integration.support.TenantIds.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.integration.support.Platform;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.Mailbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The welcome hand-off through the real onboarding: the saga's activation has tenant-service mail
 * the tenant's admin contact (GreenMail, a real SMTP server on a free port) the webhook steps of
 * its SDP edition and a one-time link; the onboarding shows the delivery; the link reveals the
 * secret the onboarding answered, once; a resend by the API issues a new link and retires the old.
 */
class WelcomeMailEndToEndTest {
    @RegisterExtension
    @Order(1)
    static final GreenMailExtension SMTP = Mailbox.server();

    @RegisterExtension
    @Order(2)
    static final Platform PLATFORM = Platform.inManifestsMode().withTenantServiceSettings(Mailbox.settings(SMTP));

    @Test
    void anOnPremOnboardingMailsTheStepsAndALinkThatRevealsTheSecretOnce() {
        String tenant = unique("welcome");
        String apiKey = "SDP-KEY-welcome-" + tenant;
        String email = "admin@" + tenant + ".example";
        JsonHttp.Reply onboarded = PLATFORM.provisioning().post("/v1/onboardings", ADMIN, "{\"tenant_id\": \"" + tenant
                + "\", \"name\": \"Welcome Co\", \"tier\": \"basic\", \"admin_contact_email\": \"" + email + "\","
                + " \"servicedesk_url\": \"" + PLATFORM.sdpInstanceWithHistory(tenant, apiKey) + "\","
                + " \"servicedesk_credentials\": {\"api_key\": \"" + apiKey + "\"}, \"webhook_auth\": {\"mode\": \"token\"}}");
        String secret = onboarded.json().at("/webhook/secret").asText();
        assertThat(secret).as("the first answer, 201 or 202, has the secret").isNotEmpty();
        JsonNode finished = finished(onboarded);
        assertThat(finished.at("/welcome_email/delivery").asText()).isIn("pending", "sent");
        assertThat(finished.at("/welcome_email/recipient").asText()).isEqualTo(email);
        assertThat(step(finished, "activate").path("detail").asText()).contains("welcome mail to " + email);

        MimeMessage mail = await(email, 1).get(0);
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).contains("Admin > Automation > Webhooks", "X-Webhook-Token",
                "/webhook/servicedesk?tenant_id=" + tenant).doesNotContain("Integrations", "Setup > ");
        assertThat(GreenMailUtil.getWholeMessage(mail)).as("no secret in the mail").doesNotContain(secret)
                .doesNotContain(apiKey);
        String onboardingUrl = "/v1/onboardings/" + onboarded.json().path("onboarding_id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "sent".equals(
                PLATFORM.provisioning().get(onboardingUrl, OPERATOR).json().at("/welcome_email/delivery").asText()));

        String token = token(mail);
        JsonHttp tenants = PLATFORM.tenantService();
        assertThat(tenants.get("/welcome/" + token, null).status()).as("the page; nothing used").isEqualTo(200);
        JsonHttp.Reply revealed = tenants.post("/welcome/" + token, null, null);
        assertThat(revealed.status()).isEqualTo(200);
        assertThat(revealed.body()).contains(secret);
        JsonHttp.Reply again = tenants.send("POST", "/welcome/" + token, null, null, "Accept", "application/json");
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.json().path("error").asText()).isEqualTo("link_used");
        assertThat(again.body()).doesNotContain(secret);
        assertThat(PLATFORM.provisioning().get(onboardingUrl, OPERATOR).json().at("/welcome_email/link").asText())
                .isEqualTo("revealed");

        // the resend: a new mail and link, the operator audited
        JsonHttp.Reply resent = tenants.post("/v1/tenants/" + tenant + "/welcome-email", OPERATOR, "");
        assertThat(resent.status()).as(resent.body()).isEqualTo(202);
        String second = token(await(email, 2).get(1));
        assertThat(second).isNotEqualTo(token);
        JsonHttp.Reply secondReveal = tenants.send("POST", "/welcome/" + second, null, null, "Accept", "application/json");
        assertThat(secondReveal.json().at("/webhook/secret").asText()).isEqualTo(secret);
        List<String> audited = auditActors(tenant);
        assertThat(audited.stream().filter(a -> a.startsWith("tenant.welcome_email_sent by ")).toList())
                .as(audited.toString()).hasSize(2)
                .anySatisfy(a -> assertThat(a).contains("provisioning-service (for "))
                .anySatisfy(a -> assertThat(a).doesNotContain("provisioning-service"));
        assertThat(audited.stream().filter("tenant.webhook_secret_revealed by welcome-link"::equals)).hasSize(2);
    }

    @Test
    void anMspOnboardingMailsTheMspSteps() {
        String tenant = unique("welcome-msp");
        String apiKey = "MSP-KEY-welcome-" + tenant;
        String email = "admin@" + tenant + ".example";
        String url = PLATFORM.sdp().createMspInstance(tenant, apiKey, Map.of("Contoso", List.of("Main"),
                "Fabrikam", List.of("HQ")));
        PLATFORM.sdp().seed(tenant, Platform.RESOLVED_REQUESTS, 3, "Contoso", "Main");
        JsonHttp.Reply onboarded = PLATFORM.provisioning().post("/v1/onboardings", ADMIN, "{\"tenant_id\": \"" + tenant
                + "\", \"name\": \"Northwind MSP\", \"tier\": \"basic\", \"admin_contact_email\": \"" + email + "\","
                + " \"servicedesk_url\": \"" + url + "\", \"servicedesk_edition\": \"msp\","
                + " \"servicedesk_credentials\": {\"api_key\": \"" + apiKey + "\"},"
                + " \"servicedesk_msp\": {\"accounts\": [\"Contoso\"], \"gate_account\": \"Contoso\", \"gate_site\": \"Main\"}}");
        String secret = onboarded.json().at("/webhook/secret").asText();
        finished(onboarded);

        MimeMessage mail = await(email, 1).get(0);
        assertThat(GreenMailUtil.getBody(mail)).contains("ServiceDesk Plus MSP", "Admin > Integrations > Webhooks",
                "covers these accounts: Contoso", "X-ServiceDesk-Signature").doesNotContain("Admin > Automation");
        assertThat(GreenMailUtil.getWholeMessage(mail)).doesNotContain(secret).doesNotContain(apiKey);
    }

    /** The onboarding once it succeeded: the answer itself (201), or polled when the machine was slow (202). */
    private static JsonNode finished(JsonHttp.Reply onboarded) {
        assertThat(onboarded.status()).as(onboarded.body()).isIn(201, 202);
        String url = "/v1/onboardings/" + onboarded.json().path("onboarding_id").asText();
        Awaitility.await("onboarding " + url).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> !"running".equals(PLATFORM.provisioning().get(url, OPERATOR).json().path("status").asText()));
        JsonNode view = PLATFORM.provisioning().get(url, OPERATOR).json();
        assertThat(view.path("status").asText()).as(view.toString()).isEqualTo("succeeded");
        return view;
    }

    private static List<MimeMessage> await(String recipient, int count) {
        return Mailbox.await(SMTP, recipient, count);
    }

    private static String token(MimeMessage mail) {
        return Mailbox.token(mail);
    }

    private static JsonNode step(JsonNode onboarding, String name) {
        for (JsonNode step : onboarding.path("steps")) {
            if (name.equals(step.path("name").asText())) {
                return step;
            }
        }
        throw new AssertionError("no step " + name + " in " + onboarding);
    }

    private static List<String> auditActors(String tenant) {
        try (java.sql.Connection c = PLATFORM.database().connectAsSuperuser();
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT action || ' by ' || actor FROM audit_log WHERE "
                     + "target_tenant_id = '" + tenant + "' ORDER BY id")) {
            List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
