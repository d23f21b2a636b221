package com.aiagents.platform.gates.core;

import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.gates.LlmSettings;
import com.aiagents.platform.gates.db.TenantChecks;
import com.aiagents.platform.sdp.SdpClientFactory;
import com.aiagents.platform.sdp.SdpException;
import com.aiagents.platform.sdp.model.SdpListQuery;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Gate 4: every integration the tenant's enhancements depend on answers, as the tenant:
 * <ol>
 *   <li>{@code sdp_auth}: a read call with the tenant's SDP credentials succeeds (SDP status 2000);</li>
 *   <li>{@code database}: as gates-runner's role in the tenant's context, the tenant's own registry row
 *       is visible and no other tenant's is;</li>
 *   <li>{@code redis}: PING, and a probe key under the tenant's queue namespace can be written, read
 *       and deleted, without touching the tenant's queue list itself (no job is disturbed);</li>
 *   <li>{@code kubernetes}: every object the tenant's tier requires ({@link TierObjects}) is in
 *       provisioning-service's report and {@code present}, or {@code external} (only the credentials
 *       Secret, and only in manifests mode: delivered out of band, named in the detail); every other
 *       reported object is present too;</li>
 *   <li>{@code llm}: the tenant's own LLM endpoint when it has one ({@link TenantLlmCheck}: its key
 *       accepted, its model listed), else the platform's configured OpenAI-compatible endpoint answers
 *       {@code GET /models} (skipped when none is configured: the worker then uses its deterministic
 *       synthesizer).</li>
 * </ol>
 */
public final class IntegrationsGate implements Gate {
    static final String PASS = "All integrations verified";
    /** provisioning-service's state for an object it does not manage (manifests mode's Secret). */
    private static final String EXTERNAL = "external";
    private static final Set<String> QUEUE_TYPES = Set.of("none", "list");

    private final PlatformServices services;
    private final SdpClientFactory sdp;
    private final TenantChecks checks;
    private final UnifiedJedis redis;
    private final LlmSettings llm;
    private final TenantLlmCheck tenantLlm;
    private final Clock clock;

    /** @param tenantLlm checks a tenant's own LLM endpoint, which then replaces the platform's in the {@code llm} check */
    public IntegrationsGate(PlatformServices services, SdpClientFactory sdp, TenantChecks checks, UnifiedJedis redis,
                            LlmSettings llm, TenantLlmCheck tenantLlm, Clock clock) {
        this.tenantLlm = tenantLlm;
        this.services = services;
        this.sdp = sdp;
        this.checks = checks;
        this.redis = redis;
        this.llm = llm;
        this.clock = clock;
    }

    @Override
    public int number() {
        return 4;
    }

    @Override
    public String name() {
        return "Integrations Contract";
    }

    @Override
    public GateOutcome run(GateContext context) {
        Map<String, Object> results = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        check("sdp_auth", "SDP API auth", () -> sdpAuth(context), results, failures);
        check("database", "Database", () -> database(context), results, failures);
        check("redis", "Redis", () -> redis(context), results, failures);
        check("kubernetes", "Kubernetes", () -> kubernetes(context), results, failures);
        if (context.config().llmEndpoint() != null) {
            // the tenant's notes are written by its own endpoint, never the platform's: check that one
            check("llm", "Tenant's LLM endpoint", () -> tenantLlm(context), results, failures);
        } else if (llm.configured()) {
            check("llm", "LLM endpoint", this::llm, results, failures);
        } else {
            results.put("llm", Map.of("status", "skipped", "detail", "no LLM endpoint configured"));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("checks", results);
        if (failures.isEmpty()) {
            return GateOutcome.pass(PASS, details);
        }
        int more = failures.size() - 1;
        return GateOutcome.fail(failures.get(0) + (more > 0 ? " (+" + more + " more failed check" + (more > 1 ? "s" : "")
                + ")" : ""), details);
    }

    private void check(String key, String label, Check check, Map<String, Object> results, List<String> failures) {
        Instant started = clock.instant();
        Map<String, Object> entry = new LinkedHashMap<>();
        try {
            entry.put("status", "passed");
            entry.put("detail", check.run());
        } catch (CheckFailed e) {
            entry.put("status", "failed");
            entry.put("detail", e.getMessage());
            failures.add(label + " failed: " + e.getMessage());
        } catch (RuntimeException e) {
            entry.put("status", "failed");
            entry.put("detail", GateFailures.describe(e));
            failures.add(label + " failed: " + GateFailures.describe(e));
        }
        entry.put("duration_ms", Math.max(0, clock.millis() - started.toEpochMilli()));
        results.put(key, entry);
    }

    private String sdpAuth(GateContext context) {
        try {
            sdp.clientFor(SdpConnections.of(context.config())).listRequests(SdpListQuery.firstPage(1));
            return "list requests answered 2000 (" + context.config().servicedesk().edition().name().toLowerCase() + ")";
        } catch (SdpException e) {
            String code = e.sdpStatusCode().isPresent() ? "SDP status " + e.sdpStatusCode().getAsInt()
                    : e.httpStatus() > 0 ? "HTTP " + e.httpStatus() : e.kind().name();
            throw new CheckFailed(switch (e.kind()) {
                case AUTHENTICATION -> "SDP rejected the tenant's credentials (" + code + ")";
                case FORBIDDEN -> "the tenant's SDP technician may not list requests (" + code + ")";
                // names the address and why (servicedesk_private_networks, SDP_ALLOW_PRIVATE_NETWORKS); no secret
                case ADDRESS_REFUSED -> e.getMessage();
                default -> "SDP call failed: " + e.kind() + " (" + code + ")";
            });
        }
    }

    private String database(GateContext context) {
        TenantChecks.Visibility visibility = checks.visibility(context.tenantId());
        if (visibility.ownRows() != 1) {
            throw new CheckFailed("as role " + visibility.role() + " the tenant's own registry row is not visible in its"
                    + " context");
        }
        if (visibility.otherRows() != 0) {
            throw new CheckFailed("as role " + visibility.role() + " " + visibility.otherRows()
                    + " other tenants' registry rows are visible in this tenant's context");
        }
        return "connected as " + visibility.role() + "; the tenant's context sees its own row only";
    }

    private String redis(GateContext context) {
        String queue = QueueNames.tenantQueue(context.tenantId());
        String probe = queue + ":gate-probe:" + context.runId();
        if (!"PONG".equalsIgnoreCase(redis.ping())) {
            throw new CheckFailed("PING was not answered with PONG");
        }
        String type = redis.type(queue);
        if (!QUEUE_TYPES.contains(type)) {
            throw new CheckFailed("the tenant's queue key " + queue + " holds a " + type + ", not a list");
        }
        try {
            if (!"OK".equals(redis.set(probe, context.runId(), SetParams.setParams().ex(60)))) {
                throw new CheckFailed("could not write probe key " + probe);
            }
            if (!context.runId().equals(redis.get(probe))) {
                throw new CheckFailed("probe key " + probe + " did not read back what was written");
            }
        } finally {
            redis.del(probe);
        }
        return "PING ok; wrote, read and deleted " + probe + " (queue " + queue + " is " + type + ")";
    }

    private String kubernetes(GateContext context) {
        PeerHttp.Reply reply = services.kubernetesStatus(context.tenantId());
        if (!reply.successful()) {
            throw new CheckFailed("provisioning-service: " + reply.describe());
        }
        JsonNode objects = reply.json().path("objects");
        if (!objects.isArray() || objects.isEmpty()) {
            throw new CheckFailed("provisioning-service reported no Kubernetes objects for the tenant");
        }
        List<String> problems = new ArrayList<>();
        List<String> external = new ArrayList<>();
        for (JsonNode object : objects) {
            String state = object.path("state").asText(object.path("status").asText("unknown"));
            if (state.equalsIgnoreCase(EXTERNAL)) {
                external.add(describe(object));
            } else if (!state.equalsIgnoreCase("present")) {
                problems.add(describe(object) + " " + state.toLowerCase());
            }
        }
        String tier = context.config().tier() == null ? "?" : context.config().tier().wireName();
        boolean manifestsMode = "manifests".equalsIgnoreCase(reply.json().path("mode").asText("manifests"));
        if (!manifestsMode && !external.isEmpty()) {
            problems.add("reported external in cluster mode, where every object must be present: "
                    + String.join(", ", external));
        }
        if (context.config().tier() == null) {
            problems.add("the tenant's tier is unknown, so the objects it requires cannot be checked");
        } else {
            problems.addAll(TierObjects.problems(context.config().tier(), context.tenantId(), objects));
        }
        if (!problems.isEmpty()) {
            throw new CheckFailed("tier " + tier + " objects not as desired: " + String.join(", ", problems));
        }
        int present = objects.size() - external.size();
        return present + " objects of tier " + tier + " present" + (external.isEmpty() ? ""
                : "; delivered out of band (manifests mode keeps secrets out of git), not checked: "
                + String.join(", ", external));
    }

    /** {@code Kind namespace/name}, from provisioning-service's object (or its older {@code ref} form). */
    private static String describe(JsonNode object) {
        JsonNode ref = object.has("ref") ? object.path("ref") : object;
        String namespace = ref.path("namespace").asText("");
        return ref.path("kind").asText("?") + " " + (namespace.isEmpty() ? "" : namespace + "/")
                + ref.path("name").asText("?");
    }

    private String tenantLlm(GateContext context) {
        try {
            return tenantLlm.check(context.config().llmEndpoint());
        } catch (TenantLlmCheck.Failed e) {
            throw new CheckFailed(e.getMessage());
        }
    }

    private String llm() {
        String url = llm.getBaseUrl().endsWith("/") ? llm.getBaseUrl() + "models" : llm.getBaseUrl() + "/models";
        PeerHttp.Reply reply = services.http().get(url, llm.getApiKey());
        if (!reply.successful()) {
            throw new CheckFailed(reply.describe());
        }
        return reply.call() + " answered " + reply.status();
    }

    @FunctionalInterface
    private interface Check {
        String run();
    }

    private static final class CheckFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CheckFailed(String message) {
            super(message, null, false, false);
        }
    }
}
