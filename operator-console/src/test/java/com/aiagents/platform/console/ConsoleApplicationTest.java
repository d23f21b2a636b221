package com.aiagents.platform.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.console.web.SecurityHeaders;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console on its own, every service it calls down: what it guarantees before any service
 * answers (headers, cookie, CSRF, redirects, error pages, readiness). The pages against the real
 * services are integration-tests' ConsoleBrowserTest.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleApplicationTest {
    static final DropwizardAppExtension<ConsoleConfiguration> APP = new DropwizardAppExtension<>(ConsoleApplication.class,
            ResourceHelpers.resourceFilePath("console-test.yml"));
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theSignInPageStartsASessionWithAStrictCookieAndEveryPageHasTheSecurityHeaders() throws Exception {
        HttpResponse<String> page = get("/login", null);
        assertThat(page.statusCode()).isEqualTo(200);
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("console_session=").contains("HttpOnly", "SameSite=Lax", "Path=/");
        assertThat(page.headers().firstValue("Content-Security-Policy")).contains(SecurityHeaders.CSP);
        assertThat(SecurityHeaders.CSP).contains("script-src 'self'", "style-src 'self'").doesNotContain("unsafe");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.body()).contains("<label for=\"email\">", "<label for=\"password\">", "name=\"htmx-config\"",
                "\"allowEval\":false", "\"includeIndicatorStyles\":false").doesNotContain("<script>", "style=");
        assertThat(csrf(page.body())).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenIsRefusedBeforeAnythingIsCalled() throws Exception {
        HttpResponse<String> page = get("/login", null);
        String session = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(post("/login", session, "email=a%40b.example&password=secret-secret").statusCode()).isEqualTo(403);
        assertThat(post("/login", session, "csrf=forged&email=a%40b.example&password=secret-secret").statusCode()).isEqualTo(403);
        assertThat(post("/login", null, "csrf=" + csrf(page.body()) + "&email=a%40b.example&password=x").statusCode())
                .as("a token without its session").isEqualTo(403);
        // with both, the sign-in reaches tenant-service, which is down here
        HttpResponse<String> attempted = post("/login", session, "csrf=" + csrf(page.body()) + "&email=a%40b.example&password=secret-secret");
        assertThat(attempted.statusCode()).isEqualTo(503);
        assertThat(attempted.body()).contains("not possible right now").doesNotContain("secret-secret");
        assertThat(post("/logout", session, "").statusCode()).isEqualTo(403);
        HttpResponse<String> expired = post("/logout", "console_session=gone", "");
        assertThat(expired.statusCode()).as("signing out of a session that timed out").isEqualTo(303);
        assertThat(expired.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    }

    @Test
    void pagesNeedASignedInSessionAndUnknownPagesAreHtml404s() throws Exception {
        for (String path : new String[] {"/", "/fleet", "/queues", "/me", "/tenants/acme"}) {
            HttpResponse<String> answer = get(path, null);
            assertThat(answer.statusCode()).as(path).isEqualTo(303);
            assertThat(answer.headers().firstValue("Location").orElseThrow()).as(path).endsWith("/login");
        }
        HttpResponse<String> missing = get("/no/such/page", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(missing.body()).contains("Not found").doesNotContain("Exception");
        assertThat(get("/static/htmx.min.js", null).statusCode()).isEqualTo(200);
        assertThat(get("/static/..%2Fconsole-test.yml", null).statusCode()).as("nothing else on the class path").isIn(400, 404);
        assertThat(get("/static/console-test.yml", null).statusCode()).isEqualTo(404);
    }

    @Test
    void theConsoleStaysReadyWhileEveryServiceItCallsIsDown() throws Exception {
        HttpResponse<String> ready = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getAdminPort() + "/health-check")).build());
        assertThat(ready.statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getAdminPort() + "/metrics")).build());
        assertThat(metrics.body()).contains("console_sign_ins_total", "console_api_calls_total");
    }

    private static String csrf(String body) {
        Matcher m = CSRF.matcher(body);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request.build());
    }

    private HttpResponse<String> post(String path, String cookie, String form) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String base() {
        return "http://127.0.0.1:" + APP.getLocalPort();
    }
}
