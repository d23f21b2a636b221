package com.aiagents.platform.tenant.resources;

import static com.aiagents.platform.tenant.testing.TenantServiceExtension.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.JsonHttp.Reply;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import com.aiagents.platform.testing.LogCapture;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When the welcome mail cannot go out: an SMTP server that does not answer makes it {@code failed}
 * after the configured attempts (the activation it belongs to is never held up: the call answers
 * 202 at once), the SMTP password never in a log line; no SMTP_HOST makes it {@code disabled}.
 */
class WelcomeEmailDeliveryTest {
    private static final String SMTP_PASSWORD = "smtp-pass-" + UUID.randomUUID();
    private static LogCapture logs;

    @RegisterExtension
    @Order(1)
    static final TenantServiceExtension UNREACHABLE = new TenantServiceExtension()
            .withSetting("welcome.host", () -> "127.0.0.1")
            .withSetting("welcome.port", () -> Integer.toString(closedPort()))
            .withSetting("welcome.username", () -> "platform")
            .withSetting("welcome.password", () -> SMTP_PASSWORD)
            .withSetting("welcome.sendAttempts", () -> "2")
            .withSetting("welcome.retryBackoff", () -> "50 milliseconds")
            .withSetting("welcome.timeout", () -> "2 seconds");

    @RegisterExtension
    @Order(2)
    // as in config.yml without SMTP_HOST (said explicitly: the other service's overrides are JVM-wide properties)
    static final TenantServiceExtension NO_SMTP = new TenantServiceExtension().withSetting("welcome.host", () -> "");

    /** After the services started: Dropwizard sets logging up afresh when an application starts. */
    @BeforeAll
    static void attach() {
        logs = LogCapture.attach();
    }

    @AfterAll
    static void detach() {
        logs.close();
    }

    @Test
    void anUnreachableServerEndsFailedAfterTheAttemptsAndAResendTriesAgain() throws SQLException {
        JsonHttp http = new JsonHttp(UNREACHABLE.baseUrl());
        String id = tenant(UNREACHABLE, http);

        Reply sent = http.post("/v1/tenants/" + id + "/welcome-email", OPERATOR_TOKEN, "");
        assertThat(sent.status()).isEqualTo(202);
        assertThat(sent.json().path("delivery").asText()).isEqualTo("pending");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "failed".equals(
                http.get("/v1/tenants/" + id + "/welcome-email", OPERATOR_TOKEN).json().path("delivery").asText()));
        Reply failed = http.get("/v1/tenants/" + id + "/welcome-email", OPERATOR_TOKEN);
        assertThat(failed.json().path("attempts").asInt()).isEqualTo(2);
        assertThat(failed.json().path("error").asText()).contains("Exception").doesNotContain(SMTP_PASSWORD);

        Reply resent = http.post("/v1/tenants/" + id + "/welcome-email", OPERATOR_TOKEN, "");
        assertThat(resent.status()).isEqualTo(202);
        assertThat(resent.json().path("delivery").asText()).isEqualTo("pending");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "failed".equals(
                http.get("/v1/tenants/" + id + "/welcome-email", OPERATOR_TOKEN).json().path("delivery").asText()));
        assertThat(logs.linesContaining("welcome_mail_failed")).isNotEmpty();
        assertThat(logs.linesContaining("welcome_mail_retry")).isNotEmpty();
        assertThat(logs.lines()).noneMatch(line -> line.contains(SMTP_PASSWORD));
    }

    @Test
    void withoutAnSmtpHostTheMailIsRecordedDisabled() throws SQLException {
        JsonHttp http = new JsonHttp(NO_SMTP.baseUrl());
        String id = tenant(NO_SMTP, http);

        Reply sent = http.post("/v1/tenants/" + id + "/welcome-email", OPERATOR_TOKEN, "");
        assertThat(sent.status()).isEqualTo(202);
        assertThat(sent.json().path("delivery").asText()).isEqualTo("disabled");
        assertThat(http.get("/v1/tenants/" + id + "/welcome-email", OPERATOR_TOKEN).json().path("attempts").asInt())
                .isZero();
        assertThat(logs.linesContaining("welcome_mail_not_sent")).isNotEmpty();
    }

    private static String tenant(TenantServiceExtension service, JsonHttp http) throws SQLException {
        String id = TenantApiTest.uniqueId("mailfail");
        assertThat(http.post("/v1/tenants", OPERATOR_TOKEN, TenantApiTest.createBody(id, "K-" + UUID.randomUUID()))
                .status()).isEqualTo(201);
        OffboardingTest.activate(service, http, id);
        return id;
    }

    /** A port nothing listens on: bound, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
