package com.aiagents.platform.integration.console;

import static com.aiagents.platform.integration.support.Platform.ADMIN;

import com.aiagents.platform.console.ConsoleApplication;
import com.aiagents.platform.console.ConsoleConfiguration;
import com.aiagents.platform.integration.support.InProcessApp;
import com.aiagents.platform.integration.support.Platform;
import com.aiagents.platform.tenant.testing.JsonHttp;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator console's fleet page at 1,000 tenants: server-side render time of {@code GET /fleet}
 * (tenant-service's listing, enhancement-worker's {@code /v1/fleet/activity} and gates-runner's
 * {@code /v1/gate-runs/latest} for the page, the template) against the three service calls alone,
 * made with the same person's token, in the same run. Everything real and in-process ({@link Platform}:
 * the machine's PostgreSQL and Redis), the console started as in {@code ConsoleBrowserTest}. Not a
 * test: run by the {@code bench} profile of integration-tests with
 * {@code -Dbench.integration.main=console.ConsoleFleetBenchmark} (the exact command, which skips the
 * other modules' benchmarks, is in docs/benchmarks.md); prints a Markdown table.
 *
 * <p>Arguments: {@code [requests per case, default 40]}. Cases alternate request by request so the
 * machine's load falls on all of them alike; 5 warm-up rounds are not counted.
 */
public final class ConsoleFleetBenchmark {
    private static final int TENANTS = 1000;
    private static final int WARMUP = 5;
    private static final String PASSWORD = "console-bench-password-1";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private ConsoleFleetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        Platform platform = Platform.inManifestsMode();
        platform.beforeAll(null);
        InProcessApp<ConsoleConfiguration> console = null;
        try {
            console = new InProcessApp<>(ConsoleApplication.class, ConsoleApplication::new, "platform/operator-console.yml", "console")
                    .setAll(platform.operatorConsoleSettings());
            console.start();
            long created = createTenants(platform);
            String email = "bench-" + UUID.randomUUID() + "@msp.example";
            check(platform.tenantService().post("/v1/users", ADMIN,
                    "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"operator\"}"), 201);
            JsonHttp.Reply login = platform.tenantService().post("/v1/auth/login", null,
                    "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
            check(login, 200);
            String token = login.json().path("access_token").asText();
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            signIn(browser, console.baseUrl(), email);

            Map<String, Supplier<Integer>> cases = new LinkedHashMap<>();
            for (int size : new int[] {50, 200}) {
                String ids = ids(platform, token, size);
                cases.put("tenant-service `GET /v1/tenants?limit=" + (size + 1) + "` alone",
                        () -> platform.tenantService().get("/v1/tenants?limit=" + (size + 1) + "&offset=400", token).status());
                cases.put("enhancement-worker `GET /v1/fleet/activity` (" + size + " ids) alone",
                        () -> platform.worker().get("/v1/fleet/activity" + ids, token).status());
                cases.put("gates-runner `GET /v1/gate-runs/latest` (" + size + " ids) alone",
                        () -> platform.gatesRunner().get("/v1/gate-runs/latest" + ids, token).status());
                String base = console.baseUrl();
                String page = size == 50 ? "/fleet?page=9" : "/fleet?size=200&page=3";
                cases.put("console `GET " + page + "` (" + size + " rows)", () -> get(browser, base + page).statusCode());
            }
            Map<String, List<Double>> millis = new LinkedHashMap<>();
            cases.keySet().forEach(k -> millis.put(k, new ArrayList<>()));
            for (int round = 0; round < WARMUP + requests; round++) {
                for (Map.Entry<String, Supplier<Integer>> c : cases.entrySet()) {
                    long start = System.nanoTime();
                    int status = c.getValue().get();
                    double ms = (System.nanoTime() - start) / 1e6;
                    if (status != 200) {
                        throw new IllegalStateException(c.getKey() + " answered " + status);
                    }
                    if (round >= WARMUP) {
                        millis.get(c.getKey()).add(ms);
                    }
                }
            }
            out.printf(Locale.ROOT, "%d tenants created through tenant-service in %.1f s; %d requests per case after %d warm-up rounds%n%n",
                    TENANTS, created / 1e3, requests, WARMUP);
            out.println("| what | p50 ms | p95 ms | max ms |");
            out.println("|---|---:|---:|---:|");
            millis.forEach((k, v) -> {
                List<Double> sorted = v.stream().sorted().toList();
                out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", k, pct(sorted, 50), pct(sorted, 95), sorted.get(sorted.size() - 1));
            });
        } finally {
            if (console != null) {
                console.stop();
            }
            platform.afterAll(null);
        }
        System.exit(0);
    }

    /** 1,000 tenants through the real API (4 at a time), one simulator instance behind them all. */
    private static long createTenants(Platform platform) throws Exception {
        String sdpUrl = platform.sdp().createInstance("bench-fleet", "BENCH-KEY");
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<JsonHttp.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < TENANTS; i++) {
                String id = String.format(Locale.ROOT, "fleet-%04d", i);
                String body = "{\"tenant_id\":\"" + id + "\",\"name\":\"Fleet tenant " + i + "\",\"tier\":\""
                        + (i % 3 == 0 ? "premium" : "basic") + "\",\"admin_contact_email\":\"admin@" + id + ".example\","
                        + "\"servicedesk_url\":\"" + sdpUrl + "\",\"servicedesk_edition\":\"onprem\","
                        + "\"servicedesk_credentials\":{\"api_key\":\"BENCH-KEY\"},\"webhook_auth\":{\"mode\":\"hmac\"}}";
                replies.add(pool.submit(() -> platform.tenantService().post("/v1/tenants", ADMIN, body)));
            }
            for (Future<JsonHttp.Reply> reply : replies) {
                check(reply.get(), 201);
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String ids(Platform platform, String token, int size) {
        JsonHttp.Reply page = platform.tenantService().get("/v1/tenants?limit=" + size + "&offset=400", token);
        check(page, 200);
        StringBuilder ids = new StringBuilder();
        page.json().path("tenants").forEach(t -> ids.append(ids.isEmpty() ? "?" : "&").append("tenant_id=").append(t.path("tenant_id").asText()));
        return ids.toString();
    }

    private static void signIn(HttpClient browser, String base, String email) {
        HttpResponse<String> form = get(browser, base + "/login");
        Matcher csrf = CSRF.matcher(form.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the sign-in page");
        }
        String body = "csrf=" + enc(csrf.group(1)) + "&email=" + enc(email) + "&password=" + enc(PASSWORD);
        HttpResponse<String> signedIn = send(browser, HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (signedIn.statusCode() != 303) {
            throw new IllegalStateException("sign-in answered " + signedIn.statusCode());
        }
        HttpResponse<String> fleet = get(browser, base + "/fleet");
        if (fleet.statusCode() != 200 || !fleet.body().contains("fleet-0000")) {
            throw new IllegalStateException("the fleet page did not show the tenants (" + fleet.statusCode() + ")");
        }
    }

    private static HttpResponse<String> get(HttpClient browser, String url) {
        return send(browser, HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(JsonHttp.Reply reply, int expected) {
        if (reply.status() != expected) {
            throw new IllegalStateException("expected " + expected + ", got " + reply.status() + ": " + reply.body());
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static double pct(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
