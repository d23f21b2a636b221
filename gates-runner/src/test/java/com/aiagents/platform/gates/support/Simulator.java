package com.aiagents.platform.gates.support;

import com.aiagents.platform.sdpsim.SdpSimulatorApplication;
import com.aiagents.platform.sdpsim.SdpSimulatorConfiguration;
import com.aiagents.platform.tenant.testing.JsonHttp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.nio.file.Path;

/**
 * The real SDP simulator (deploy/sdp-simulator) in-process on random ports, with its shipped
 * config.yml. One on-prem instance per tenant stands for that tenant's ServiceDesk Plus.
 */
public final class Simulator {
    /** Overrides are JVM-wide system properties: a prefix of its own keeps other apps' out. */
    private static final String PREFIX = "sdpsim";

    private final DropwizardTestSupport<SdpSimulatorConfiguration> app;
    private final JsonHttp http;

    public Simulator() throws Exception {
        String config = Path.of("..", "deploy", "sdp-simulator", "config.yml").toAbsolutePath().normalize().toString();
        app = new DropwizardTestSupport<>(SdpSimulatorApplication.class, config, PREFIX,
                ConfigOverride.randomPorts(PREFIX),
                ConfigOverride.config(PREFIX, "logging.level", "WARN"),
                ConfigOverride.config(PREFIX, "server.requestLog.appenders[0].threshold", "OFF"));
        app.before();
        http = new JsonHttp("http://127.0.0.1:" + app.getLocalPort());
    }

    /** Creates an on-prem instance that accepts {@code apiKey}; returns its base URL (the servicedesk_url). */
    public String instance(String name, String apiKey) {
        JsonHttp.Reply created = http.post("/sim/instances", null,
                "{\"name\":\"" + name + "\",\"edition\":\"onprem\",\"api_key\":\"" + apiKey + "\"}");
        if (created.status() != 201) {
            throw new IllegalStateException("simulator refused the instance: " + created.status() + " " + created.body());
        }
        return created.json().path("base_url").asText();
    }

    public void stop() {
        app.after();
    }
}
