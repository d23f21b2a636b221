package com.aiagents.platform.sdpsim;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;

/** The simulator as tests run it: the shipped config.yml on ephemeral ports, with fast webhook retries. */
final class SimulatorApp {

    private SimulatorApp() {
    }

    static DropwizardAppExtension<SdpSimulatorConfiguration> extension() {
        return new DropwizardAppExtension<>(SdpSimulatorApplication.class, "config.yml",
                ConfigOverride.randomPorts(),
                ConfigOverride.config("webhooks.firstRetryDelay", "10ms"),
                ConfigOverride.config("logging.level", "WARN"));
    }
}
