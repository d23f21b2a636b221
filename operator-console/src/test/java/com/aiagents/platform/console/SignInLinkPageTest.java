package com.aiagents.platform.console;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The one-time sign-in link's page on the console alone (every service down): the GET only shows a
 * button (a link scanner signs nobody in), its POST needs the page's session and CSRF token and only
 * then asks tenant-service. The redeem against a real tenant-service: deploy/local-run's LocalPlatformIT.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SignInLinkPageTest {
    static final DropwizardAppExtension<ConsoleConfiguration> APP = new DropwizardAppExtension<>(ConsoleApplication.class,
            ResourceHelpers.resourceFilePath("console-test.yml"));
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final String CODE = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theLinkShowsOneButtonAndItsPostNeedsThePagesSessionAndToken() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base() + "/sign-in/link?code=" + CODE)).GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("action=\"/sign-in/link\"", "name=\"code\" value=\"" + CODE + "\"", "<button")
                .doesNotContain("name=\"password\"");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        String session = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).isTrue();

        assertThat(post(session, "code=" + CODE).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(post(null, "csrf=" + csrf.group(1) + "&code=" + CODE).statusCode()).as("a token without its session")
                .isEqualTo(403);
        HttpResponse<String> attempted = post(session, "csrf=" + csrf.group(1) + "&code=" + CODE);
        assertThat(attempted.statusCode()).as("reaches tenant-service, which is down here").isEqualTo(503);
        assertThat(attempted.body()).contains("not possible right now", "name=\"password\"").doesNotContain(CODE);
        assertThat(attempted.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void aLinkWithoutACodeShowsTheSignInPage() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base() + "/sign-in/link")).GET().build());
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("incomplete", "name=\"password\"");
    }

    private HttpResponse<String> post(String cookie, String form) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/sign-in/link"))
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
