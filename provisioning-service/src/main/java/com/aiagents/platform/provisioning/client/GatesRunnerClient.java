package com.aiagents.platform.provisioning.client;

import com.aiagents.platform.api.TenantId;
import okhttp3.Interceptor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * gates-runner's {@code POST /v1/gate-runs} (docs/api/internal.md): runs the four gates
 * synchronously and records them in {@code gate_runs}, which is what lets tenant-service activate.
 */
public final class GatesRunnerClient extends JsonServiceClient {
    static final String SERVICE = "gates-runner";

    /** @param tracing the service's {@code PlatformTracing.clientInterceptor()} */
    public GatesRunnerClient(ServicesConfig config, Interceptor tracing) {
        super(SERVICE, config.getGatesRunner(), config.serviceToken(), config.getTlsCaFile(), tracing);
    }

    public record Gate(int gate, String name, boolean passed, String summary) {
    }

    public record GateRun(String runId, boolean passed, List<Gate> gates) {
        /** {@code 4/4 gates passed}, or the failing gates with their summaries. */
        public String describe() {
            long passedCount = gates.stream().filter(Gate::passed).count();
            StringBuilder text = new StringBuilder(passedCount + "/" + gates.size() + " gates passed");
            for (Gate gate : gates) {
                if (!gate.passed()) {
                    text.append("; gate ").append(gate.gate()).append(' ').append(gate.name()).append(": ").append(gate.summary());
                }
            }
            return text.toString();
        }
    }

    /**
     * Runs all four gates for the tenant.
     *
     * @throws ServiceCallException on 404 (unknown tenant), 409 ({@code gate_run_in_progress}) or no answer
     */
    public GateRun runAll(TenantId tenantId, String actingFor) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("tenant_id", tenantId.value());
        body.putArray("gates").add(1).add(2).add(3).add(4);
        Reply reply = call("POST", url -> url.addPathSegments("v1/gate-runs"), body, actingFor);
        if (reply.status() != 200 || reply.body() == null) {
            throw failure(reply, "run the gates");
        }
        JsonNode run = reply.body();
        List<Gate> gates = new ArrayList<>();
        run.path("gates").forEach(g -> gates.add(new Gate(g.path("gate").asInt(), g.path("name").asText(""),
                g.path("passed").asBoolean(false), g.path("summary").asText(""))));
        boolean allFour = gates.size() == 4 && gates.stream().allMatch(Gate::passed);
        return new GateRun(run.path("run_id").asText(null), run.path("passed").asBoolean(false) && allFour, gates);
    }
}
