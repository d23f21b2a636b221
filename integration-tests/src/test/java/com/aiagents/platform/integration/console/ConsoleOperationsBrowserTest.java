package com.aiagents.platform.integration.console;

import static com.aiagents.platform.integration.support.Platform.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.console.ConsoleApplication;
import com.aiagents.platform.console.ConsoleConfiguration;
import com.aiagents.platform.integration.support.InProcessApp;
import com.aiagents.platform.integration.support.Platform;
import com.aiagents.platform.integration.support.TenantIds;
import com.aiagents.platform.tenant.testing.JsonHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's operations pages in headless Chromium against the real platform (manifests mode):
 * onboarding a tenant through the form (the API's field error shown next to its input first), its
 * steps updating live until it succeeds and the webhook secret shown once; the tenant page's recent
 * enhancements (the gate ticket's note) and Kubernetes objects; suspend and resume behind the typed
 * tenant id; the prompt bundle editor; the audit page's filters; a viewer offered no action. Every
 * page checked with axe-core and saved as a screenshot under target/console-screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleOperationsBrowserTest {
    private static final String PASSWORD = "console-ops-password-1";
    private static final String API_KEY = "CONSOLE-OPS-SDP-KEY";

    @RegisterExtension
    static final Platform PLATFORM = Platform.sharedInManifestsMode();

    private static InProcessApp<ConsoleConfiguration> console;
    private static ConsoleBrowser browser;
    private static String tenant;
    private static String operatorEmail;
    private static String viewerEmail;

    @BeforeAll
    static void start() throws Exception {
        console = new InProcessApp<>(ConsoleApplication.class, ConsoleApplication::new, "platform/operator-console.yml", "console")
                .setAll(PLATFORM.operatorConsoleSettings());
        console.start();
        tenant = TenantIds.unique("console-ops");
        operatorEmail = "ops-" + UUID.randomUUID() + "@msp.example";
        viewerEmail = "viewer-" + UUID.randomUUID() + "@msp.example";
        user(operatorEmail, "operator");
        user(viewerEmail, "viewer");
        browser = new ConsoleBrowser(console.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (console != null) {
            console.stop();
        }
    }

    @Test
    @Order(1)
    void anOperatorOnboardsATenantThroughTheFormAndWatchesItSucceed() {
        String sdpUrl = PLATFORM.sdpInstanceWithHistory(tenant, API_KEY);
        browser.signIn(operatorEmail, PASSWORD);
        browser.open("/onboard");
        browser.check("onboard-form");
        WebDriver page = browser.driver();
        type("f-tenant-id", tenant);
        type("f-name", "Console Ops Co");
        type("f-admin-contact-email", "not an e-mail address");
        type("f-servicedesk-url", sdpUrl);
        type("f-servicedesk-credentials-api-key", API_KEY);
        page.findElement(By.id("onboard-submit")).click();

        // the API's own message, next to the field it is about; nothing created, the key not echoed
        WebElement error = browser.waitFor(By.id("f-admin-contact-email-error"));
        assertThat(error.getText()).isNotBlank();
        assertThat(page.findElement(By.id("f-admin-contact-email")).getAttribute("aria-describedby"))
                .isEqualTo("f-admin-contact-email-error");
        assertThat(page.getPageSource()).doesNotContain(API_KEY);
        assertThat(PLATFORM.tenantService().get("/v1/tenants/" + tenant, ADMIN).status()).isEqualTo(404);
        browser.check("onboard-form-refused");

        type("f-admin-contact-email", "admin@console-ops.example");
        type("f-servicedesk-credentials-api-key", API_KEY);
        new Select(page.findElement(By.id("f-tier"))).selectByValue("basic");
        page.findElement(By.id("onboard-submit")).click();

        String secret = browser.waitFor(By.id("webhook-secret")).getText();
        assertThat(secret).matches("[0-9a-f]{64}");
        assertThat(page.findElement(By.id("webhook-url")).getText()).contains("tenant_id=" + tenant);
        assertThat(page.findElement(By.id("sdp-steps")).getText()).contains("Admin > Automation > Webhooks");
        browser.check("onboarding-answer");
        // the steps update in place (htmx polling the fragment) until the onboarding has succeeded
        new WebDriverWait(page, Duration.ofSeconds(180)).ignoring(StaleElementReferenceException.class).until(d ->
                List.of("succeeded", "failed").contains(d.findElement(By.id("onboarding-status")).getText()));
        assertThat(page.findElement(By.id("onboarding-status")).getText())
                .as(page.findElement(By.id("steps")).getText()).isEqualTo("succeeded");
        assertThat(page.findElement(By.id("steps")).getText()).contains("activate", "run gates");
        assertThat(page.findElements(By.id("roll-back-onboarding"))).isEmpty();
        // the polling has stopped: the settled fragment carries no hx-trigger any more
        assertThat(page.findElement(By.id("onboarding-steps")).getAttribute("hx-trigger")).isNull();
        browser.check("onboarding-succeeded");

        String onboardingPage = page.getCurrentUrl();
        page.findElement(By.id("open-tenant")).click();
        assertThat(browser.waitFor(By.cssSelector(".status-active")).getText()).isEqualTo("active");
        assertThat(page.getPageSource()).doesNotContain(secret);
        browser.open("/onboardings/" + onboardingId());
        assertThat(page.getPageSource()).as(onboardingPage).doesNotContain(secret).contains("succeeded");
    }

    @Test
    @Order(2)
    void theTenantPageShowsTheGateTicketsEnhancementAndItsKubernetesObjects() {
        browser.signIn(operatorEmail, PASSWORD);
        browser.open("/tenants/" + tenant);
        // loaded into the page by htmx (hx-trigger="load")
        WebElement enhancements = browser.waitFor(By.id("enhancements"));
        List<WebElement> rows = enhancements.findElements(By.cssSelector("tr[data-enhancement]"));
        // gate 3's webhook made the worker write a note on the gate ticket: its text as SDP has it
        assertThat(rows).as(enhancements.getText()).isNotEmpty();
        String note = rows.get(0).findElement(By.className("note")).getText();
        assertThat(note).isNotBlank().isNotEqualTo("—");
        WebElement kubernetes = browser.waitFor(By.id("kubernetes"));
        assertThat(kubernetes.getText()).contains("manifests", "converged");
        assertThat(browser.driver().findElements(By.id("kubernetes-apply"))).hasSize(1);
        browser.check("tenant-with-enhancements");

        browser.driver().findElement(By.id("kubernetes-apply")).click();
        assertThat(browser.waitFor(By.id("kubernetes-applied")).getText()).contains("Applied");
        browser.check("kubernetes-applied");
    }

    @Test
    @Order(3)
    void anOperatorSuspendsAndResumesTheTenantByTypingItsId() {
        browser.signIn(operatorEmail, PASSWORD);
        browser.open("/tenants/" + tenant);
        browser.waitFor(By.id("suspend")).click();
        browser.waitFor(By.id("confirm")).sendKeys("not-" + tenant);
        browser.driver().findElement(By.id("confirm-suspend")).click();
        assertThat(browser.waitFor(By.id("confirm-error")).getText()).contains(tenant);
        assertThat(status()).isEqualTo("active");
        browser.check("suspend-confirmation");

        browser.driver().findElement(By.id("confirm")).sendKeys(tenant);
        browser.driver().findElement(By.id("confirm-suspend")).click();
        assertThat(browser.waitFor(By.id("notice")).getText()).contains("suspended");
        assertThat(status()).isEqualTo("suspended");

        browser.waitFor(By.id("resume")).click();
        browser.waitFor(By.id("confirm")).sendKeys(tenant);
        browser.driver().findElement(By.id("confirm-resume")).click();
        assertThat(browser.waitFor(By.id("notice")).getText()).contains("active again");
        assertThat(status()).isEqualTo("active");
    }

    @Test
    @Order(4)
    void anOperatorSavesAndPublishesAPromptBundleSection() {
        browser.signIn(operatorEmail, PASSWORD);
        browser.open("/tenants/" + tenant + "/prompt-bundle");
        browser.check("prompt-bundle");
        type("key-0", "console-safety");
        type("order-0", "7");
        type("text-0", "Never suggest rebooting the console test's domain controllers.");
        browser.driver().findElement(By.id("save-draft")).click();
        assertThat(browser.waitFor(By.id("notice")).getText()).contains("draft is saved");
        browser.driver().findElement(By.id("publish-draft")).click();
        assertThat(browser.waitFor(By.id("notice")).getText()).contains("Published");
        assertThat(browser.driver().findElement(By.id("bundle-composed")).getText()).contains("version");
        assertThat(browser.driver().getPageSource()).contains("[console-safety, tenant]");
        browser.check("prompt-bundle-published");
    }

    @Test
    @Order(5)
    void theAuditPageFiltersByTenantActionPersonAndTime() {
        browser.signIn(operatorEmail, PASSWORD);
        browser.open("/audit?tenant_id=" + tenant + "&action=tenant.status_changed");
        List<WebElement> rows = browser.waitFor(By.id("audit-entries")).findElements(By.cssSelector("tr[data-entry]"));
        assertThat(rows).isNotEmpty();
        assertThat(rows).allSatisfy(row -> assertThat(row.getText()).contains("tenant.status_changed", tenant));
        // the suspension and the resumption by this person (the onboarding's were provisioning-service's for them)
        assertThat(rows.stream().filter(r -> r.findElement(By.cssSelector("td:nth-child(2)")).getText().equals(operatorEmail))
                .count()).isEqualTo(2);
        assertThat(rows).anySatisfy(r -> assertThat(r.getText()).contains("provisioning-service (for " + operatorEmail + ")"));
        browser.check("audit");

        browser.open("/audit");
        type("audit-actor", operatorEmail);
        type("audit-action", "prompt_bundle.*");
        browser.driver().findElement(By.id("audit-filter")).click();
        List<WebElement> bundle = browser.waitFor(By.id("audit-entries")).findElements(By.cssSelector("tr[data-entry]"));
        assertThat(bundle).extracting(WebElement::getText).anySatisfy(t -> assertThat(t).contains("prompt_bundle.published"))
                .allSatisfy(t -> assertThat(t).contains(operatorEmail).contains("prompt_bundle."));

        browser.open("/audit?tenant_id=" + tenant + "&since=2999-01-01T00:00");
        assertThat(browser.waitFor(By.id("audit-none")).getText()).contains("No entry");
    }

    @Test
    @Order(6)
    void aViewerIsOfferedNoAction() {
        browser.signIn(viewerEmail, PASSWORD);
        browser.open("/tenants/" + tenant);
        browser.waitFor(By.id("kubernetes"));
        for (String action : List.of("rotate-secret", "run-gates", "suspend", "resume", "offboard", "prompt-bundle",
                "kubernetes-apply")) {
            assertThat(browser.driver().findElements(By.id(action))).as(action).isEmpty();
        }
        browser.check("tenant-as-viewer");
        browser.open("/onboard");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        browser.open("/tenants/" + tenant + "/prompt-bundle");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        // the form's token does not make a viewer's POST an operator's one
        browser.open("/audit");
        String csrf = browser.driver().findElement(By.cssSelector("form.signout input[name='csrf']")).getAttribute("value");
        HttpResponse<String> refused = post("/tenants/" + tenant + "/lifecycle/suspend", browser.sessionCookie(),
                "csrf=" + csrf + "&confirm=" + tenant);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(status()).isEqualTo("active");
    }

    private static void type(String id, String text) {
        WebElement input = browser.driver().findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private static String status() {
        return PLATFORM.tenantService().get("/v1/tenants/" + tenant, ADMIN).json().path("status").asText();
    }

    private static String onboardingId() {
        return PLATFORM.provisioning().get("/v1/onboardings?tenant_id=" + tenant, ADMIN).json()
                .path("onboardings").get(0).path("onboarding_id").asText();
    }

    private static HttpResponse<String> post(String path, String cookie, String form) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(console.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void user(String email, String role) {
        JsonHttp.Reply created = PLATFORM.tenantService().post("/v1/users", ADMIN,
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }
}
