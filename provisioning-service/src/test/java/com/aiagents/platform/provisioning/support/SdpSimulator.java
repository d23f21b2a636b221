package com.aiagents.platform.provisioning.support;

import com.aiagents.platform.sdpsim.SdpSimulatorApplication;
import com.aiagents.platform.sdpsim.SdpSimulatorConfiguration;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.testing.DropwizardTestSupport;

/**
 * The real SDP simulator (deploy/sdp-simulator, CONTRACT section 11) in-process on random ports:
 * each tenant gets an instance with its own API key; "SDP down" is the simulator's own fault.
 */
public final class SdpSimulator implements AutoCloseable {
    private final DropwizardTestSupport<SdpSimulatorConfiguration> app = new DropwizardTestSupport<>(
            SdpSimulatorApplication.class, "sdp-simulator-test.yml", new ResourceConfigurationSourceProvider(), "sdpsim.");
    private final Api api;

    public SdpSimulator() {
        try {
            app.before();
        } catch (Exception e) {
            throw new IllegalStateException("the SDP simulator did not start", e);
        }
        api = new Api("http://127.0.0.1:" + app.getLocalPort());
    }

    /** Creates an on-prem instance for {@code name} that accepts {@code apiKey}; returns its base URL. */
    public String instance(String name, String apiKey) {
        Api.Reply created = api.post("/sim/instances", null,
                "{\"name\": \"" + name + "\", \"edition\": \"onprem\", \"api_key\": \"" + apiKey + "\"}");
        if (created.status() != 201) {
            throw new IllegalStateException("simulator refused the instance: " + created.status());
        }
        return created.json().path("base_url").asText();
    }

    /** The simulator's "down" fault: 503 on every SDP call of that instance. */
    public void setDown(String name, boolean down) {
        Api.Reply patched = api.send("PATCH", "/sim/instances/" + name, null, "{\"faults\": {\"down\": " + down + "}}");
        if (patched.status() != 200) {
            throw new IllegalStateException("simulator refused the fault: " + patched.status());
        }
    }

    @Override
    public void close() {
        app.after();
    }
}
