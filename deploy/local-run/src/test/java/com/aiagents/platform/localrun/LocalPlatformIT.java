package com.aiagents.platform.localrun;

import static com.aiagents.platform.localrun.ServiceCatalog.ENHANCEMENT_WORKER;
import static com.aiagents.platform.localrun.ServiceCatalog.SDP_SIMULATOR;
import static com.aiagents.platform.localrun.ServiceCatalog.TENANT_SERVICE;
import static com.aiagents.platform.localrun.ServiceCatalog.WEBHOOK_GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's run command, in-process on free ports: whatever of the platform is built on this
 * checkout starts, the demo goes as far as the running services allow, and stop() leaves no
 * process and no listening port behind.
 */
class LocalPlatformIT {
    private static final Path ROOT = Path.of(System.getProperty("localrun.root", "../..")).toAbsolutePath().normalize();

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final HttpJson http = new HttpJson();

    @Test
    void runsTheDemoEndToEndOnFreePortsAndStopsCleanly() throws Exception {
        PortPlan ports = PortPlan.free();
        assertThat(ports.servicePorts()).noneMatch(p -> (p >= 8080 && p <= 8090) || (p >= 9080 && p <= 9090));
        LocalRunOptions options = LocalRunOptions.defaults(ROOT)
                .withWorkDir(ROOT.resolve("deploy/local-run/target/it-" + UUID.randomUUID()))
                .withPorts(ports)
                .withEnvironment(Map.of());
        Console console = new Console(new PrintStream(new TeeStream(printed, System.out), true, StandardCharsets.UTF_8));

        LocalPlatform platform = LocalPlatform.start(options, console);
        List<ProcessHandle> processes;
        List<Integer> listened;
        try {
            processes = platform.processHandles();
            listened = platform.ports();
            assertThat(platform.steps()).as("no step failed").noneMatch(s -> s.status() == Step.Status.FAILED);
            for (ServiceSpec spec : ServiceCatalog.ALL) {
                if (spec.availability(ROOT).ready()) {
                    assertThat(platform.isRunning(spec.name())).as(spec.name() + " is built, so it runs").isTrue();
                } else {
                    assertThat(platform.steps()).as("a service that is not built is reported as skipped")
                            .anyMatch(s -> s.name().equals(spec.name()) && s.status() == Step.Status.SKIPPED);
                }
            }
            assertThat(platform.isRunning(TENANT_SERVICE)).as("tenant-service is on main").isTrue();

            DemoResult demo = platform.demo().orElseThrow();
            assertTenantRegistered(platform);
            assertTheDemoPeopleSignIn(platform);
            if (ServiceCatalog.ALL.stream().allMatch(spec -> platform.isRunning(spec.name()))) {
                assertOnboardedThroughTheSaga(platform, demo, options);
            }
            assertSeededUnderRowLevelSecurity(platform, demo);
            assertMetricsPassPromtool(platform);
            if (platform.isRunning(SDP_SIMULATOR) && platform.isRunning(WEBHOOK_GATEWAY)) {
                assertTheGatewayAcceptedTheSimulatorsSignedWebhook(platform, demo);
            }
            if (platform.isRunning(SDP_SIMULATOR) && platform.isRunning(WEBHOOK_GATEWAY)
                    && platform.isRunning(ENHANCEMENT_WORKER)) {
                assertNoteOnTheSimulatorsTicket(demo);
            } else {
                assertThat(demo.noteArrived()).isFalse();
                assertThat(platform.steps()).anyMatch(s -> s.name().equals("enhancement note on the ticket")
                        && s.status() == Step.Status.SKIPPED);
            }
            String out = printed.toString(StandardCharsets.UTF_8);
            assertThat(out).contains("export PLATFORM_ADMIN_TOKEN=" + platform.adminToken())
                    .contains("generated for this local run only")
                    .contains("http://127.0.0.1:" + ports.of(TENANT_SERVICE).app());
        } finally {
            platform.stop();
        }

        assertThat(processes).isNotEmpty();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(processes).as("every child process has exited").noneMatch(ProcessHandle::isAlive);
            assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
                    .as("no process of this JVM is left").isEmpty();
            assertThat(listened).as("every port is free again").noneMatch(PortPlan::inUse);
        });
    }

    /** The demo's MSP admin and acme-corp tenant admin sign in with this run's passwords, as the summary prints them. */
    private void assertTheDemoPeopleSignIn(LocalPlatform platform) throws Exception {
        String tenants = platform.url(TENANT_SERVICE).orElseThrow();
        List<DemoPeople.Account> people = platform.demoPeople();
        assertThat(people).extracting(DemoPeople.Account::role).containsExactly("admin", "tenant_admin");
        String out = printed.toString(StandardCharsets.UTF_8);
        for (DemoPeople.Account person : people) {
            assertThat(person.password()).hasSizeGreaterThanOrEqualTo(12).isNotEqualTo(platform.adminToken());
            assertThat(out).contains(DemoPeople.loginCommand(tenants, person));
            HttpJson.Reply login = http.json("POST", tenants + "/v1/auth/login", Map.of(),
                    Map.of("email", person.email(), "password", person.password()));
            assertThat(login.status()).as(person + ": " + login.raw()).isEqualTo(200);
            assertThat(login.body().at("/user/role").asText()).isEqualTo(person.role());
            HttpJson.Reply me = http.get(tenants + "/v1/tenants/acme-corp",
                    HttpJson.bearer(login.body().path("access_token").asText()));
            assertThat(me.status()).as("the token works: " + person).isEqualTo(200);
        }
        assertThat(people.get(1).tenantId()).isEqualTo("acme-corp");
        if (platform.isRunning(ServiceCatalog.OPERATOR_CONSOLE)) {
            assertTheConsoleLinkSignsTheAdminInOnce(platform, tenants, out);
        }
    }

    /**
     * The printed {@code Console: .../sign-in/link?code=} link, as a browser follows it: the page's
     * button (its form, with the session's CSRF token) signs the demo's MSP admin in to the console
     * and lands on the fleet; the code is then used up at tenant-service.
     */
    private void assertTheConsoleLinkSignsTheAdminInOnce(LocalPlatform platform, String tenants, String out) throws Exception {
        String link = platform.consoleSignInLink().orElseThrow();
        assertThat(out).contains("Console: " + link);
        String consoleUrl = platform.url(ServiceCatalog.OPERATOR_CONSOLE).orElseThrow();
        assertThat(link).startsWith(consoleUrl + "/sign-in/link?code=");
        String code = link.substring(link.indexOf("code=") + 5);
        HttpClient browser = HttpClient.newHttpClient(); // follows no redirects
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(link))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(
                        URI.create(consoleUrl + "/sign-in/link"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf.group(1) + "&code=" + code)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/fleet");
        String session = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(session).as("a fresh session id").isNotEqualTo(cookie);
        HttpResponse<String> me = browser.send(HttpRequest.newBuilder(
                URI.create(consoleUrl + "/me")).header("Cookie", session).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains(DemoPeople.MSP_ADMIN_EMAIL);
        HttpJson.Reply again = http.json("POST", tenants + "/v1/auth/sign-in-links/redeem", Map.of(), Map.of("code", code));
        assertThat(again.status()).as("a second use").isEqualTo(401);
    }

    private void assertTenantRegistered(LocalPlatform platform) throws Exception {
        HttpJson.Reply tenant = http.get(platform.url(TENANT_SERVICE).orElseThrow() + "/v1/tenants/acme-corp",
                HttpJson.bearer(platform.adminToken()));
        assertThat(tenant.status()).isEqualTo(200);
        assertThat(tenant.body().path("tier").asText()).isEqualTo("premium");
        assertThat(tenant.raw()).doesNotContain(platform.demo().orElseThrow().sdpApiKey());
    }

    /** With every service up, POST /v1/onboardings ran every step: 4/4 gates, so the tenant is active, and its premium objects are on disk. */
    private static void assertOnboardedThroughTheSaga(LocalPlatform platform, DemoResult demo, LocalRunOptions options)
            throws java.io.IOException {
        assertThat(demo.tenantStatus()).isEqualTo("active");
        assertThat(platform.steps()).anyMatch(s -> s.name().startsWith("onboarding acme-corp")
                && s.status() == Step.Status.OK);
        Path manifests = options.workDir().resolve("manifests").resolve("acme-corp");
        try (var files = java.nio.file.Files.list(manifests)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList())
                    .anyMatch(f -> f.contains("namespace")).anyMatch(f -> f.contains("resourcequota"));
        }
    }

    /** The seeded rows are there for acme-corp's context and for no other (and not without one). */
    private static void assertSeededUnderRowLevelSecurity(LocalPlatform platform, DemoResult demo) throws SQLException {
        assertThat(demo.seeded()).containsEntry("ticket_history", 300);
        Map<String, String> db = platform.databaseEnvironment();
        try (Connection c = DriverManager.getConnection(db.get("DATABASE_URL"), db.get("DATABASE_USER"),
                db.get("DATABASE_PASSWORD")); Statement st = c.createStatement()) {
            assertThat(count(st, "SELECT count(*) FROM ticket_history")).as("no tenant context").isZero();
            c.setAutoCommit(false);
            st.execute("SELECT set_tenant_context('acme-corp')");
            assertThat(count(st, "SELECT count(*) FROM ticket_history WHERE source = 'seed'")).isEqualTo(300);
            assertThat(count(st, "SELECT count(*) FROM kb_articles")).isPositive();
            assertThat(count(st, "SELECT count(*) FROM system_inventory")).isPositive();
            c.rollback();
        }
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** docs/observability.md: every service's exposition passes promtool (or, without it, the same rules in Java). */
    private void assertMetricsPassPromtool(LocalPlatform platform) throws Exception {
        Optional<Promtool> promtool = Promtool.find();
        List<String> checked = new ArrayList<>();
        for (ServiceSpec spec : ServiceCatalog.ALL) {
            if (!platform.isRunning(spec.name()) || spec.name().equals(SDP_SIMULATOR)) {
                continue;
            }
            HttpJson.Reply metrics = http.get(platform.adminUrl(spec.name()) + "/metrics", Map.of());
            assertThat(metrics.status()).as(spec.name() + " /metrics").isEqualTo(200);
            assertThat(ExpositionRules.violations(metrics.raw())).as(spec.name() + " exposition").isEmpty();
            if (promtool.isPresent()) {
                Promtool.Result result = promtool.get().run(metrics.raw(), "check", "metrics");
                assertThat(result.exitCode()).as(spec.name() + ": promtool check metrics said\n" + result.output())
                        .isZero();
            }
            checked.add(spec.name());
        }
        assertThat(checked).contains(TENANT_SERVICE);
    }

    /** The ticket's webhook, signed by the simulator with the secret tenant-service issued, got a 202. */
    private void assertTheGatewayAcceptedTheSimulatorsSignedWebhook(LocalPlatform platform, DemoResult demo)
            throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpJson.Reply deliveries = http.get(platform.url(SDP_SIMULATOR).orElseThrow()
                    + "/sim/instances/acme-corp/webhook-deliveries", Map.of());
            List<Integer> statuses = new ArrayList<>();
            for (JsonNode delivery : deliveries.body().path("deliveries")) {
                if (demo.ticketId().equals(delivery.path("ticket_id").asText())) {
                    statuses.add(delivery.path("status").asInt());
                }
            }
            assertThat(statuses).as("deliveries of the demo ticket's webhook").contains(202);
        });
        HttpJson.Reply metrics = http.get(platform.adminUrl(WEBHOOK_GATEWAY) + "/metrics", Map.of());
        // at least the demo's (gate 3 sends one more when the onboarding saga ran)
        Matcher accepted = java.util.regex.Pattern
                .compile("webhook_requests_total\\{tenant_id=\"acme-corp\",result=\"accepted\",?} (\\S+)")
                .matcher(metrics.raw());
        assertThat(accepted.find()).as("webhook_requests_total for acme-corp, accepted").isTrue();
        assertThat(Double.parseDouble(accepted.group(1))).isGreaterThanOrEqualTo(1.0);
    }

    private void assertNoteOnTheSimulatorsTicket(DemoResult demo) throws Exception {
        assertThat(demo.noteArrived()).as("the demo note arrived").isTrue();
        HttpJson.Reply notes = http.get(demo.servicedeskUrl() + "/api/v3/requests/" + demo.ticketId() + "/notes",
                Map.of("authtoken", demo.sdpApiKey(), "Accept", "application/vnd.manageengine.sdp.v3+json"));
        assertThat(notes.status()).isEqualTo(200);
        List<String> bodies = new ArrayList<>();
        for (JsonNode note : notes.body().path("notes")) {
            bodies.add(note.path("description").asText());
        }
        assertThat(bodies).as("one note per ticket event").hasSize(1);
        assertThat(bodies.get(0)).contains("AI-Generated Enhancement").contains("Likely Cause")
                .contains("Suggested Actions");
        // what a technician trying the demo first complained of: one seeded incident five times over,
        // and the print spooler's and the VPN's fixes suggested for an Outlook ticket
        String note = NoteText.render(bodies.get(0));
        String related = note.substring(note.indexOf("Related Tickets"));
        assertThat(related.split("same symptom: Outlook cannot connect to Exchange", -1)).as(related).hasSizeLessThanOrEqualTo(2);
        assertThat(note.substring(note.indexOf("Suggested Actions"), note.indexOf("Related Tickets")))
                .doesNotContain("KB-002", "KB-003", "spooler", "DPD");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("AI-Generated Enhancement");
    }

    /** Keeps what the launcher printed for the assertions and still shows it in the test's output. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
