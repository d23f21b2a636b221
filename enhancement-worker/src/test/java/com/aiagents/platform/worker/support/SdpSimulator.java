package com.aiagents.platform.worker.support;

import com.aiagents.platform.sdpsim.SdpSimulatorApplication;
import com.aiagents.platform.sdpsim.SdpSimulatorConfiguration;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.testing.DropwizardTestSupport;
import java.util.ArrayList;
import java.util.List;

/** The real SDP simulator (deploy/sdp-simulator) on random ports, with its /sim control API. */
public final class SdpSimulator implements AutoCloseable {
    private final DropwizardTestSupport<SdpSimulatorConfiguration> app;
    private final JsonHttp http;

    private SdpSimulator(DropwizardTestSupport<SdpSimulatorConfiguration> app) {
        this.app = app;
        this.http = new JsonHttp("http://127.0.0.1:" + app.getLocalPort());
    }

    public static SdpSimulator start() throws Exception {
        DropwizardTestSupport<SdpSimulatorConfiguration> app = new DropwizardTestSupport<>(SdpSimulatorApplication.class,
                "sdp-simulator-test.yml", new ResourceConfigurationSourceProvider());
        app.before();
        return new SdpSimulator(app);
    }

    /** Creates an on-prem instance; returns its base URL (the tenant's servicedesk_url). */
    public String createInstance(String name, String apiKey) {
        JsonHttp.Reply reply = http.post("/sim/instances", null,
                "{\"name\":\"" + name + "\",\"edition\":\"onprem\",\"api_key\":\"" + apiKey + "\"}");
        if (reply.status() != 201) {
            throw new IllegalStateException("simulator refused the instance: " + reply.status() + " " + reply.body());
        }
        return reply.json().get("base_url").asText();
    }

    /** Creates {@code n} resolved requests from the simulator's corpus; returns their ids. */
    public List<String> seed(String name, int n, long seed) {
        JsonHttp.Reply reply = http.post("/sim/instances/" + name + "/seed", null,
                "{\"resolved_requests\":" + n + ",\"seed\":" + seed + "}");
        if (reply.status() / 100 != 2) {
            throw new IllegalStateException("seed failed: " + reply.status() + " " + reply.body());
        }
        List<String> ids = new ArrayList<>();
        reply.json().get("request_ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    public void faults(String name, String faultsJson) {
        JsonHttp.Reply reply = http.patch("/sim/instances/" + name, null, "{\"faults\":" + faultsJson + "}");
        if (reply.status() != 200) {
            throw new IllegalStateException("faults refused: " + reply.status() + " " + reply.body());
        }
    }

    public JsonNode instance(String name) {
        return http.get("/sim/instances/" + name, null).json();
    }

    /** Total notes the instance holds. */
    public int noteCount(String name) {
        return instance(name).path("stats").path("notes").asInt();
    }

    @Override
    public void close() {
        app.after();
    }
}
