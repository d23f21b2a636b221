package com.aiagents.platform.integration.support;

import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.sdpsim.SdpSimulatorApplication;
import com.aiagents.platform.sdpsim.SdpSimulatorConfiguration;

/**
 * The real SDP simulator (deploy/sdp-simulator, CONTRACT section 11) in-process: each tenant gets
 * an on-prem instance with its own API key; its faults ("down", added latency) are the simulator's
 * own, set through its control API.
 */
public final class SdpSimulator implements AutoCloseable {
    private final InProcessApp<SdpSimulatorConfiguration> app = new InProcessApp<>(SdpSimulatorApplication.class,
            SdpSimulatorApplication::new, "platform/sdp-simulator.yml", "sdpsim");
    private final JsonHttp api;

    public SdpSimulator() {
        app.start();
        api = new JsonHttp(app.baseUrl());
    }

    /** Creates an on-prem instance {@code name} that accepts {@code apiKey}; returns its base URL (the servicedesk_url). */
    public String instance(String name, String apiKey) {
        JsonHttp.Reply created = api.post("/sim/instances", null,
                "{\"name\": \"" + name + "\", \"edition\": \"onprem\", \"api_key\": \"" + apiKey + "\"}");
        if (created.status() != 201) {
            throw new IllegalStateException("simulator refused the instance: " + created.status() + " " + created.body());
        }
        return created.json().path("base_url").asText();
    }

    /** "down": 503 on every SDP call of the instance. */
    public void setDown(String name, boolean down) {
        faults(name, "{\"down\": " + down + "}");
    }

    /** Added latency on every SDP call of the instance (0: none). */
    public void setLatency(String name, int millis) {
        faults(name, "{\"latency_ms\": " + millis + "}");
    }

    private void faults(String name, String faults) {
        JsonHttp.Reply patched = api.send("PATCH", "/sim/instances/" + name, null, "{\"faults\": " + faults + "}");
        if (patched.status() != 200) {
            throw new IllegalStateException("simulator refused the fault: " + patched.status() + " " + patched.body());
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
