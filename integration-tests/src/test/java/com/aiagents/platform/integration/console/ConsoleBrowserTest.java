package com.aiagents.platform.integration.console;

import static com.aiagents.platform.integration.support.Platform.ADMIN;
import static com.aiagents.platform.integration.support.Platform.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.console.ConsoleApplication;
import com.aiagents.platform.console.ConsoleConfiguration;
import com.aiagents.platform.integration.support.InProcessApp;
import com.aiagents.platform.integration.support.Platform;
import com.aiagents.platform.integration.support.TenantIds;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.worker.queue.JobCodec;
import com.aiagents.platform.worker.queue.QueueKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import redis.clients.jedis.Jedis;

/**
 * The operator console in a real headless Chromium (Debian's chromium and chromedriver, driven by
 * Selenium; nothing is downloaded) against the real services of the Platform fixture: signing in,
 * the fleet, a tenant's page and its webhook-secret rotation, re-queueing a dead letter, a tenant
 * admin kept to its own tenant (another tenant's page is 404, staff pages are not offered), a POST
 * without the CSRF token refused. Every page is checked with axe-core in the browser (no serious or
 * critical violation) and saved as a screenshot under target/console-screenshots/.
 *
 * <p>One Chromium and one platform for the whole class: the tests run in order, each signing in as
 * the person it needs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    private static final String PASSWORD = "console-test-password-1";
    private static final String API_KEY = "CONSOLE-SDP-KEY";

    @RegisterExtension
    static final Platform PLATFORM = Platform.sharedInManifestsMode();

    private static InProcessApp<ConsoleConfiguration> console;
    private static ConsoleBrowser shared;
    private static WebDriver browser;
    private static String tenantA;
    private static String tenantB;
    private static String operatorEmail;
    private static String tenantAdminEmail;

    @BeforeAll
    static void start() throws Exception {
        console = new InProcessApp<>(ConsoleApplication.class, ConsoleApplication::new, "platform/operator-console.yml", "console")
                .setAll(PLATFORM.operatorConsoleSettings());
        console.start();

        tenantA = tenant(TenantIds.unique("console-a"));
        tenantB = tenant(TenantIds.unique("console-b"));
        operatorEmail = "ops-" + UUID.randomUUID() + "@msp.example";
        tenantAdminEmail = "lead-" + UUID.randomUUID() + "@a.example";
        user(operatorEmail, "operator", null);
        user(tenantAdminEmail, "tenant_admin", tenantA);

        shared = new ConsoleBrowser(console.baseUrl());
        browser = shared.driver();
    }

    @AfterAll
    static void stop() {
        if (shared != null) {
            shared.close();
        }
        if (console != null) {
            console.stop();
        }
    }

    @Test
    @Order(1)
    void anOperatorSignsInAndSeesTheFleet() {
        browser.manage().deleteAllCookies();
        open("/");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        check("sign-in");

        browser.findElement(By.id("email")).sendKeys(operatorEmail);
        browser.findElement(By.id("password")).sendKeys("not the password at all");
        browser.findElement(By.cssSelector("form[action='/login'] button")).click();
        assertThat(waitFor(By.id("sign-in-error")).getText()).contains("wrong");

        signIn(operatorEmail);
        assertThat(browser.getCurrentUrl()).endsWith("/fleet");
        // the platform is shared with other classes' tenants: narrow the fleet to this class's two
        open("/fleet?q=console-");
        WebElement row = waitFor(By.cssSelector("tr[data-tenant='" + tenantA + "']"));
        assertThat(row.getText()).contains(tenantA, "onboarding", "basic");
        List<WebElement> cells = row.findElements(By.tagName("td"));
        // activity read from enhancement-worker's batch answer (numbers, not the "—" of a failed lookup)
        assertThat(List.of(cells.get(5).getText(), cells.get(7).getText(), cells.get(10).getText())).containsOnly("0");
        assertThat(cells.get(11).getText()).isEqualTo("—"); // no votes yet
        assertThat(cells.get(12).getText()).isEqualTo("—"); // no gate run yet
        assertThat(browser.findElements(By.cssSelector("tr[data-tenant='" + tenantB + "']"))).hasSize(1);
        check("fleet");

        open("/fleet?q=" + tenantA.substring(tenantA.length() - 6) + "&tier=basic"); // searched by tenant-service
        waitFor(By.cssSelector("tr[data-tenant='" + tenantA + "']"));
        assertThat(browser.findElements(By.cssSelector("tr[data-tenant='" + tenantB + "']"))).isEmpty();
        open("/fleet?q=" + tenantA + "&tier=premium"); // tenantA is basic: nothing matches both
        assertThat(waitFor(By.cssSelector("#fleet-table tbody")).getText()).contains("No tenant matches.");

        open("/me");
        assertThat(browser.findElement(By.id("me-role")).getText()).isEqualTo("operator");
        assertThat(browser.getPageSource()).doesNotContain("eyJ"); // no access token (a JWT) in any page
        check("me");
    }

    @Test
    @Order(2)
    void anOperatorRotatesATenantsWebhookSecretAndSeesItOnce() {
        signIn(operatorEmail);
        open("/tenants/" + tenantA);
        assertThat(browser.findElement(By.id("configuration")).getText())
                .contains(tenantA, "ServiceDesk Plus credentials", "configured", "hmac")
                .doesNotContain(API_KEY);
        assertThat(browser.findElements(By.id("run-gates"))).hasSize(1);
        check("tenant");

        browser.findElement(By.id("rotate-secret")).click();
        String secret = waitFor(By.id("webhook-secret")).getText();
        assertThat(secret).matches("[0-9a-f]{64}");
        assertThat(browser.findElement(By.id("webhook-url")).getText()).contains("tenant_id=" + tenantA);
        check("webhook-secret");

        open("/tenants/" + tenantA);
        assertThat(browser.getPageSource()).doesNotContain(secret);
        // the rotation happened in tenant-service, by this person
        JsonHttp.Reply audit = PLATFORM.tenantService().get("/v1/tenants/" + tenantA, ADMIN);
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json().path("webhook_auth").path("previous_secret_valid_until").isMissingNode()).isFalse();
    }

    @Test
    @Order(3)
    void anOperatorReQueuesADeadLetter() {
        String jobId = UUID.randomUUID().toString();
        EnhancementJob job = new EnhancementJob(jobId, tenantA, "4242", "request_created", tenantA + ":4242:request_created",
                Instant.now(), 3, null);
        try (Jedis redis = PLATFORM.redis().connect()) {
            redis.lpush(QueueNames.DEAD, JobCodec.deadEntry(JobCodec.write(job), job, "console_test", Instant.now()));
        }
        signIn(operatorEmail);
        open("/queues");
        WebElement row = waitFor(By.cssSelector("tr[data-job='" + jobId + "']"));
        assertThat(row.getText()).contains(tenantA, "console_test");
        check("queues");

        row.findElement(By.linkText("Re-queue…")).click();
        waitFor(By.id("confirm-requeue"));
        check("requeue-confirmation");
        browser.findElement(By.id("confirm-requeue")).click();
        assertThat(waitFor(By.id("notice")).getText()).contains("re-queued");

        JsonHttp.Reply dead = PLATFORM.worker().get("/v1/queue/dead?limit=500", OPERATOR);
        assertThat(dead.status()).isEqualTo(200);
        List<String> stillDead = new ArrayList<>();
        dead.json().path("jobs").forEach(j -> {
            if ("console_test".equals(j.path("dead_reason").asText())) {
                stillDead.add(j.path("job_id").asText());
            }
        });
        assertThat(stillDead).doesNotContain(jobId);
    }

    @Test
    @Order(3)
    void anOperatorDiscardsADeadLetterAndThenATenantsDeadLetters() {
        List<String> jobIds = new ArrayList<>();
        try (Jedis redis = PLATFORM.redis().connect()) {
            for (String ticket : List.of("5151", "5252")) {
                String jobId = UUID.randomUUID().toString();
                EnhancementJob job = new EnhancementJob(jobId, tenantB, ticket, "request_created", tenantB + ":" + ticket + ":request_created",
                        Instant.now(), 3, null);
                redis.lpush(QueueNames.DEAD, JobCodec.deadEntry(JobCodec.write(job), job, "console_discard", Instant.now()));
                jobIds.add(jobId);
            }
            redis.sadd(QueueKeys.KNOWN, tenantB); // the queue knows a tenant once it has queued a job of it
        }
        signIn(operatorEmail);
        open("/queues");
        WebElement tenantRow = waitFor(By.cssSelector("#queue-tenants tr[data-tenant='" + tenantB + "']"));
        assertThat(tenantRow.findElements(By.tagName("td")).get(4).getText()).isEqualTo("2");
        waitFor(By.cssSelector("tr[data-job='" + jobIds.get(0) + "']")).findElement(By.linkText("Discard…")).click();
        waitFor(By.id("confirm-discard"));
        check("discard-confirmation");
        browser.findElement(By.id("confirm-discard")).click();
        assertThat(waitFor(By.id("notice")).getText()).contains("discarded");
        assertThat(browser.findElements(By.cssSelector("tr[data-job='" + jobIds.get(0) + "']"))).isEmpty();

        waitFor(By.cssSelector("#queue-tenants tr[data-tenant='" + tenantB + "']")).findElement(By.linkText("Discard its dead letters…")).click();
        assertThat(waitFor(By.id("confirm-discard")).isDisplayed()).isTrue();
        assertThat(browser.getPageSource()).contains(tenantB);
        browser.findElement(By.id("confirm-discard")).click();
        assertThat(waitFor(By.id("notice")).getText()).contains("discarded");
        JsonHttp.Reply dead = PLATFORM.worker().get("/v1/queue/dead?limit=500&tenant_id=" + tenantB, OPERATOR);
        assertThat(dead.status()).isEqualTo(200);
        assertThat(dead.json().path("total").asLong()).isZero();
    }

    @Test
    @Order(4)
    void aTenantAdminSeesItsOwnTenantOnly() {
        signIn(tenantAdminEmail);
        assertThat(browser.getCurrentUrl()).endsWith("/tenants/" + tenantA);
        assertThat(browser.findElements(By.linkText("Fleet"))).isEmpty();
        assertThat(browser.findElements(By.linkText("Queues"))).isEmpty();
        assertThat(browser.findElements(By.id("rotate-secret"))).hasSize(1);
        assertThat(browser.findElements(By.id("run-gates"))).isEmpty();
        check("tenant-as-tenant-admin");

        open("/tenants/" + tenantB);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        assertThat(browser.getPageSource()).doesNotContain(tenantB);
        check("not-found");
        assertThat(status("/tenants/" + tenantB, sessionCookie())).isEqualTo(404);
        assertThat(status("/queues", sessionCookie())).isEqualTo(404);
        open("/fleet");
        assertThat(browser.getCurrentUrl()).endsWith("/tenants/" + tenantA);
    }

    @Test
    @Order(5)
    void aPostWithoutTheCsrfTokenIsRefused() throws Exception {
        signIn(operatorEmail);
        String cookie = sessionCookie();
        HttpResponse<String> refused = post("/tenants/" + tenantA + "/webhook-secret/rotate", cookie, "");
        assertThat(refused.statusCode()).isEqualTo(403);
        HttpResponse<String> forged = post("/tenants/" + tenantA + "/webhook-secret/rotate", cookie, "csrf=forged");
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> signInWithout = post("/login", null, "email=x%40y.example&password=whatever-long-enough");
        assertThat(signInWithout.statusCode()).isEqualTo(403);

        // with the page's token the same POST works: the refusal was the missing token
        open("/tenants/" + tenantA);
        String token = browser.findElement(By.cssSelector("form[action$='/rotate'] input[name='csrf']")).getAttribute("value");
        assertThat(post("/tenants/" + tenantA + "/webhook-secret/rotate", cookie, "csrf=" + token).statusCode()).isEqualTo(200);

        HttpResponse<String> page = get("/login", null);
        assertThat(page.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly", "SameSite=Lax");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe");
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static void signIn(String email) {
        shared.signIn(email, PASSWORD);
    }

    private static void open(String path) {
        shared.open(path);
    }

    private static WebElement waitFor(By what) {
        return shared.waitFor(what);
    }

    /** axe-core on the page in the browser: no serious or critical violation; and a screenshot ({@link ConsoleBrowser#check}). */
    private static void check(String name) {
        shared.check(name);
    }

    private static String sessionCookie() {
        return shared.sessionCookie();
    }

    private static int status(String path, String cookie) {
        return get(path, cookie).statusCode();
    }

    private static HttpResponse<String> get(String path, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(console.baseUrl() + path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request.build());
    }

    private static HttpResponse<String> post(String path, String cookie, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(console.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tenant(String id) {
        String sdpUrl = PLATFORM.sdp().createInstance(id, API_KEY);
        JsonHttp.Reply created = PLATFORM.tenantService().post("/v1/tenants", ADMIN, "{\"tenant_id\":\"" + id + "\","
                + "\"name\":\"Console " + id + "\",\"tier\":\"basic\",\"admin_contact_email\":\"admin@" + id + ".example\","
                + "\"servicedesk_url\":\"" + sdpUrl + "\",\"servicedesk_edition\":\"onprem\","
                + "\"servicedesk_credentials\":{\"api_key\":\"" + API_KEY + "\"},\"webhook_auth\":{\"mode\":\"hmac\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return id;
    }

    private static void user(String email, String role, String tenant) {
        String body = "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\""
                + (tenant == null ? "" : ",\"tenant_id\":\"" + tenant + "\"") + "}";
        JsonHttp.Reply created = PLATFORM.tenantService().post("/v1/users", ADMIN, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }
}
