package com.aiagents.platform.integration.auth;

import static com.aiagents.platform.integration.support.Platform.ADMIN;
import static com.aiagents.platform.integration.support.Platform.GATES;
import static com.aiagents.platform.integration.support.Platform.GATEWAY;
import static com.aiagents.platform.integration.support.Platform.PROVISIONING;
import static com.aiagents.platform.integration.support.Platform.WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.gates.GatesRunnerApplication;
import com.aiagents.platform.gateway.WebhookGatewayApplication;
import com.aiagents.platform.integration.support.InProcessApp;
import com.aiagents.platform.integration.support.Platform;
import com.aiagents.platform.provisioning.ProvisioningServiceApplication;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.worker.EnhancementWorkerApplication;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every endpoint of every service, enumerated from its Jersey resource model, called over real HTTP
 * with each service's token, the admin token, no token and a wrong token, against a declared
 * decision: who may call it. A new endpoint fails {@link #everyEndpointHasADecision()} until its
 * line is added to {@link #DECISIONS}.
 */
class ServiceAccessMatrixTest {
    @RegisterExtension
    static final Platform PLATFORM = Platform.sharedInManifestsMode();

    private static final String WRONG = "wrong-token-0123456789abcdef";
    private static final Map<String, String> SERVICE_TOKENS = Map.of("webhook-gateway", GATEWAY,
            "enhancement-worker", WORKER, "gates-runner", GATES, "provisioning-service", PROVISIONING);

    /** The services whose tokens each service accepts at all (any other token is unknown there: 401). */
    private static final Map<String, Set<String>> ACCEPTS = Map.of(
            "tenant-service", Set.of("webhook-gateway", "enhancement-worker", "gates-runner", "provisioning-service"),
            "webhook-gateway", Set.of(),
            "enhancement-worker", Set.of("gates-runner", "provisioning-service"),
            "gates-runner", Set.of("provisioning-service"),
            "provisioning-service", Set.of("gates-runner"));

    /**
     * service, method, path, whether the admin token may call it ({@code admin}, {@code -}, or
     * {@code public}: no bearer auth at all), and the services that may ({@code -}: none).
     */
    private static final String DECISIONS = """
            tenant-service       POST   /v1/tenants                                       admin  provisioning-service
            tenant-service       GET    /v1/tenants                                       admin  enhancement-worker,gates-runner
            tenant-service       GET    /v1/tenants/{tenant_id}                           admin  provisioning-service
            tenant-service       PATCH  /v1/tenants/{tenant_id}                           admin  -
            tenant-service       DELETE /v1/tenants/{tenant_id}                           admin  provisioning-service
            tenant-service       POST   /v1/tenants/{tenant_id}/status                    admin  provisioning-service
            tenant-service       POST   /v1/tenants/{tenant_id}/webhook-secret/rotate     admin  provisioning-service
            tenant-service       POST   /v1/tenants/{tenant_id}/restore                   admin  -
            tenant-service       POST   /v1/tenants/{tenant_id}/welcome-email             admin  provisioning-service
            tenant-service       GET    /v1/tenants/{tenant_id}/welcome-email             admin  provisioning-service
            tenant-service       GET    /welcome/{token}                                  public -
            tenant-service       POST   /welcome/{token}                                  public -
            tenant-service       GET    /internal/v1/erasures/due                         -      provisioning-service
            tenant-service       POST   /internal/v1/erasures/{tenant_id}                 -      provisioning-service
            tenant-service       POST   /v1/admin/reencrypt-secrets                       admin  -
            tenant-service       GET    /v1/prompt-bundles/global                         admin  -
            tenant-service       PUT    /v1/prompt-bundles/global                         admin  -
            tenant-service       POST   /v1/prompt-bundles/global/publish                 admin  -
            tenant-service       GET    /v1/tenants/{tenant_id}/prompt-bundle             admin  -
            tenant-service       PUT    /v1/tenants/{tenant_id}/prompt-bundle             admin  -
            tenant-service       POST   /v1/tenants/{tenant_id}/prompt-bundle/publish     admin  -
            tenant-service       GET    /v1/tenants/{tenant_id}/prompt-bundle/composed    admin  enhancement-worker
            tenant-service       GET    /internal/v1/tenants/{tenant_id}/runtime-config   -      webhook-gateway,enhancement-worker,gates-runner,provisioning-service
            tenant-service       POST   /internal/v1/audit                                -      enhancement-worker,gates-runner,provisioning-service
            webhook-gateway      POST   /webhook/servicedesk                              public -
            webhook-gateway      POST   /webhook/noop                                     public -
            webhook-gateway      GET    /feedback/{token}                                 public -
            webhook-gateway      POST   /feedback/{token}                                 public -
            enhancement-worker   POST   /internal/v1/determinism-probe                    -      gates-runner
            enhancement-worker   POST   /internal/v1/tenants/{tenant_id}/redis-erasure    -      provisioning-service
            enhancement-worker   POST   /v1/tenants/{tenant_id}/ticket-history/import     admin  provisioning-service
            enhancement-worker   GET    /v1/tenants/{tenant_id}/ticket-history/import     admin  provisioning-service
            enhancement-worker   GET    /v1/tenants/{tenant_id}/reconciliation            admin  provisioning-service
            enhancement-worker   GET    /v1/tenants/{tenant_id}/enhancements              admin  -
            enhancement-worker   GET    /v1/tenants/{tenant_id}/enhancements/{enhancement_id} admin  -
            enhancement-worker   POST   /v1/tenants/{tenant_id}/kb-articles               admin  -
            enhancement-worker   POST   /v1/tenants/{tenant_id}/inventory                 admin  -
            enhancement-worker   GET    /v1/tenants/{tenant_id}/export                    admin  -
            enhancement-worker   POST   /v1/tenants/{tenant_id}/import                    admin  -
            enhancement-worker   GET    /v1/queue                                         admin  -
            enhancement-worker   GET    /v1/queue/dead                                    admin  -
            enhancement-worker   POST   /v1/queue/dead/{job_id}/requeue                   admin  -
            enhancement-worker   POST   /v1/queue/dead/requeue                            admin  -
            enhancement-worker   GET    /v1/queue/tenants                                 admin  -
            enhancement-worker   POST   /v1/queue/dead/{job_id}/discard                   admin  -
            enhancement-worker   POST   /v1/queue/dead/discard                            admin  -
            enhancement-worker   GET    /v1/fleet/activity                                admin  -
            gates-runner         POST   /v1/gate-runs                                     admin  provisioning-service
            gates-runner         GET    /v1/gate-runs/{run_id}                            admin  -
            gates-runner         GET    /v1/tenants/{tenant_id}/gate-runs                 admin  -
            gates-runner         GET    /v1/gate-runs/latest                              admin  -
            provisioning-service POST   /v1/onboardings                                   admin  -
            provisioning-service GET    /v1/onboardings                                   admin  -
            provisioning-service GET    /v1/onboardings/{onboarding_id}                   admin  -
            provisioning-service DELETE /v1/onboardings/{onboarding_id}                   admin  -
            provisioning-service GET    /v1/tenants/{tenant_id}/kubernetes                admin  gates-runner
            provisioning-service POST   /v1/tenants/{tenant_id}/kubernetes/apply          admin  -
            provisioning-service POST   /v1/erasures                                      admin  -
            tenant-service       POST   /v1/auth/login                                    public -
            tenant-service       GET    /v1/auth/oidc                                     public -
            tenant-service       POST   /v1/auth/oidc/authorize                           public -
            tenant-service       POST   /v1/auth/oidc/token                               public -
            tenant-service       POST   /v1/auth/logout                                   -      -
            tenant-service       POST   /v1/auth/sign-in-links                            admin  -
            tenant-service       POST   /v1/auth/sign-in-links/redeem                     public -
            tenant-service       GET    /v1/me                                            admin  -
            tenant-service       POST   /v1/users                                         admin  -
            tenant-service       GET    /v1/users                                         admin  -
            tenant-service       DELETE /v1/users/{id}                                    admin  -
            tenant-service       POST   /v1/users/{id}/disable                            admin  -
            tenant-service       POST   /v1/users/{id}/enable                             admin  -
            tenant-service       GET    /v1/audit                                         admin  -
            tenant-service       GET    /.well-known/jwks.json                            public -
            tenant-service       GET    /internal/v1/auth/revoked-sessions                -      webhook-gateway,enhancement-worker,gates-runner,provisioning-service
            tenant-service       GET    /openapi.json                                     public -
            webhook-gateway      GET    /openapi.json                                     public -
            enhancement-worker   GET    /openapi.json                                     public -
            gates-runner         GET    /openapi.json                                     public -
            provisioning-service GET    /openapi.json                                     public -
            """;

    private record Decision(String service, String method, String path, String admin, Set<String> services) {
        String endpoint() {
            return service + " " + method + " " + path;
        }
    }

    private static List<Decision> decisions() {
        List<Decision> decisions = new ArrayList<>();
        for (String line : DECISIONS.strip().split("\n")) {
            String[] f = line.trim().split("\\s+");
            decisions.add(new Decision(f[0], f[1], f[2], f[3], "-".equals(f[4]) ? Set.of() : Set.of(f[4].split(","))));
        }
        return decisions;
    }

    @Test
    void everyEndpointHasADecision() {
        Set<String> served = new TreeSet<>();
        PLATFORM.environments().forEach((service, environment) -> served.addAll(endpoints(service, environment)));
        Set<String> decided = new TreeSet<>(decisions().stream().map(Decision::endpoint).toList());
        assertThat(served).as("endpoints the services serve, each needing a line in DECISIONS").isEqualTo(decided);
    }

    @Test
    void eachCallerReachesExactlyTheEndpointsDecidedForIt() {
        Map<String, String> callers = new LinkedHashMap<>(SERVICE_TOKENS);
        callers.put("admin", ADMIN);
        callers.put("no token", null);
        callers.put("wrong token", WRONG);
        List<String> mismatches = new ArrayList<>();
        for (Decision decision : decisions()) {
            JsonHttp http = api(decision.service());
            String path = concrete(decision);
            String body = Set.of("POST", "PUT", "PATCH").contains(decision.method()) ? "{}" : null;
            Integer publicStatus = null;
            for (Map.Entry<String, String> caller : callers.entrySet()) {
                int status = http.send(decision.method(), path, caller.getValue(), body).status();
                String expected = expected(decision, caller.getKey());
                if ("public".equals(decision.admin())) {
                    publicStatus = publicStatus == null ? status : publicStatus;
                    if (status != publicStatus || status == 401 || status == 403) {
                        mismatches.add(decision.endpoint() + " as " + caller.getKey() + ": " + status
                                + ", expected the same answer as without a token (" + publicStatus + ")");
                    }
                } else if ("allowed".equals(expected) ? status == 401 || status == 403 : status != Integer.parseInt(expected)) {
                    mismatches.add(decision.endpoint() + " as " + caller.getKey() + ": " + status + ", expected " + expected);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /** {@code allowed} (any answer but 401/403: the placeholder ids make most of them 400 or 404), {@code 401} or {@code 403}. */
    private static String expected(Decision decision, String caller) {
        return switch (caller) {
            case "no token", "wrong token" -> "401";
            case "admin" -> "admin".equals(decision.admin()) ? "allowed" : "403";
            default -> !ACCEPTS.get(decision.service()).contains(caller) ? "401"
                    : decision.services().contains(caller) ? "allowed" : "403";
        };
    }

    @Test
    void aTokenInTheQueryStringIs401AndTheRequestLogRedactsIt() throws IOException {
        String nonce = UUID.randomUUID().toString();
        String leaked = "leaked-" + nonce;
        Map<String, String> calls = Map.of(
                "provisioning-service", "/v1/onboardings?nonce=" + nonce + "&access_token=" + ADMIN,
                "gates-runner", "/v1/gate-runs/" + nonce + "?access_token=" + leaked,
                "enhancement-worker", "/v1/queue?nonce=" + nonce + "&token=" + leaked,
                "webhook-gateway", "/webhook/servicedesk?tenant_id=acme&nonce=" + nonce + "&api_key=" + leaked);
        for (Map.Entry<String, String> call : calls.entrySet()) {
            String method = call.getKey().equals("webhook-gateway") ? "POST" : "GET";
            JsonHttp.Reply reply = api(call.getKey()).send(method, call.getValue(), null, "POST".equals(method) ? "{}" : null);
            assertThat(reply.status()).as(call.getKey()).isEqualTo(401);
            assertThat(reply.json().path("error").asText()).isEqualTo("unauthorized");
            assertThat(reply.body()).doesNotContain(leaked).doesNotContain(ADMIN);
        }
        // even with a valid header beside it: the URL is refused, not the header believed
        assertThat(api("provisioning-service").get("/v1/onboardings?nonce=" + nonce + "&access_token=" + leaked, ADMIN)
                .status()).isEqualTo(401);

        for (String service : calls.keySet()) {
            java.nio.file.Path log = java.nio.file.Path.of("target", "request-logs", service + ".log");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "")
                            .as(service + "'s request log").contains(nonce));
            // the file outlives this run (target/), so only this run's lines (the nonce) are judged
            List<String> lines = Files.readString(log, StandardCharsets.UTF_8).lines().filter(l -> l.contains(nonce)).toList();
            assertThat(lines).as(service + "'s request log").isNotEmpty().allSatisfy(line -> assertThat(line)
                    .doesNotContain(leaked).doesNotContain(ADMIN)
                    .containsPattern("(access_token|token|api_key)=REDACTED").contains(" 401 "));
        }
    }

    @Test
    void actingForAnOperatorIsRefusedFromAnyoneButProvisioningService() {
        JsonHttp tenants = PLATFORM.tenantService();
        assertThat(tenants.send("GET", "/v1/tenants", GATES, null, "X-Acting-For", "alice").status()).isEqualTo(403);
        assertThat(tenants.send("GET", "/v1/tenants", ADMIN, null, "X-Acting-For", "alice").status()).isEqualTo(403);
        assertThat(tenants.send("GET", "/internal/v1/tenants/matrix-nobody/runtime-config", WORKER, null,
                "X-Acting-For", "alice").status()).isEqualTo(403);
        assertThat(tenants.send("GET", "/v1/tenants/matrix-nobody", PROVISIONING, null, "X-Acting-For", "alice").status())
                .isEqualTo(404);
        JsonHttp worker = PLATFORM.worker();
        assertThat(worker.send("POST", "/internal/v1/determinism-probe", GATES, "{}", "X-Acting-For", "alice").status())
                .isEqualTo(403);
        assertThat(worker.send("POST", "/v1/tenants/matrix-nobody/ticket-history/import", PROVISIONING, null,
                "X-Acting-For", "alice").status()).isEqualTo(404);
    }

    @Test
    void aServiceWithoutItsOwnTokenRefusesToStartNamingTheVariable() {
        assertDoesNotStart(new InProcessApp<>(WebhookGatewayApplication.class, WebhookGatewayApplication::new,
                "platform/webhook-gateway.yml", "gateway-no-token")
                .set("tenantService.serviceToken", "${GATEWAY_SERVICE_TOKEN}"), "GATEWAY_SERVICE_TOKEN");
        assertDoesNotStart(new InProcessApp<>(EnhancementWorkerApplication.class, EnhancementWorkerApplication::new,
                "platform/enhancement-worker.yml", "worker-no-token")
                .set("tenantService.serviceToken", ""), "WORKER_SERVICE_TOKEN");
        assertDoesNotStart(new InProcessApp<>(GatesRunnerApplication.class, GatesRunnerApplication::new,
                "platform/gates-runner.yml", "gates-no-token")
                .set("services.serviceToken", "${GATES_SERVICE_TOKEN}"), "GATES_SERVICE_TOKEN");
        assertDoesNotStart(new InProcessApp<>(ProvisioningServiceApplication.class, ProvisioningServiceApplication::new,
                "platform/provisioning-service.yml", "provisioning-no-token")
                .set("kubernetes.mode", "manifests")
                .set("services.serviceToken", "${PROVISIONING_SERVICE_TOKEN}"), "PROVISIONING_SERVICE_TOKEN");
    }

    private static void assertDoesNotStart(InProcessApp<? extends Configuration> app, String variable) {
        try {
            assertThatThrownBy(app::start).rootCause().hasMessageStartingWith(variable + " is not set");
        } finally {
            app.stop();
        }
    }

    private static JsonHttp api(String service) {
        return PLATFORM.api(service);
    }

    /** The path with placeholder ids that name nothing, so an admitted call changes nothing. */
    private static String concrete(Decision decision) {
        String path = decision.path().replace("{tenant_id}", "matrix-nobody")
                .replaceAll("\\{([a-z_]*id|token)}", UUID.randomUUID().toString());
        return decision.service().equals("webhook-gateway") ? path + "?tenant_id=matrix-nobody" : path;
    }

    /** "METHOD /path" of every resource method Jersey serves for the service. */
    private static Set<String> endpoints(String service, Environment environment) {
        ResourceConfig config = environment.jersey().getResourceConfig();
        Set<Class<?>> types = new HashSet<>(config.getClasses());
        config.getInstances().forEach(instance -> types.add(instance.getClass()));
        Set<String> endpoints = new TreeSet<>();
        for (Class<?> type : types) {
            if (type.isAnnotationPresent(Path.class)) {
                collect(service, "", Resource.from(type), endpoints);
            }
        }
        return endpoints;
    }

    private static void collect(String service, String parent, Resource resource, Set<String> into) {
        String path = (parent + "/" + resource.getPath()).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
        for (ResourceMethod method : resource.getResourceMethods()) {
            into.add(service + " " + method.getHttpMethod() + " " + path);
        }
        for (Resource child : resource.getChildResources()) {
            collect(service, path, child, into);
        }
    }
}
