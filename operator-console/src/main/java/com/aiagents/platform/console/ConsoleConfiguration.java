package com.aiagents.platform.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** operator-console's YAML (config.yml): where the services are, and the sessions. No database, no token. */
public class ConsoleConfiguration extends Configuration {
    @Valid
    @NotNull
    @JsonProperty("services")
    private PeerSettings services = new PeerSettings();

    @Valid
    @NotNull
    @JsonProperty("sessions")
    private SessionSettings sessions = new SessionSettings();

    public PeerSettings getServices() {
        return services;
    }

    public SessionSettings getSessions() {
        return sessions;
    }
}
