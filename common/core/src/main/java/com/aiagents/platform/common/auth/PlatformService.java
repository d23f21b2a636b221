package com.aiagents.platform.common.auth;

import com.aiagents.platform.common.config.PlatformConfigs;
import java.util.Optional;

/**
 * The services that call each other, each with its own bearer token: a {@code service}-role entry
 * in {@code auth.tokens} is named after the service it identifies ({@code webhook-gateway}, ...), so
 * a callee knows which service calls it and {@link AllowedServices} can say which may.
 */
public enum PlatformService {
    GATEWAY("webhook-gateway", "GATEWAY_SERVICE_TOKEN"),
    WORKER("enhancement-worker", "WORKER_SERVICE_TOKEN"),
    GATES("gates-runner", "GATES_SERVICE_TOKEN"),
    PROVISIONING("provisioning-service", "PROVISIONING_SERVICE_TOKEN");

    private final String serviceName;
    private final String tokenVariable;

    PlatformService(String serviceName, String tokenVariable) {
        this.serviceName = serviceName;
        this.tokenVariable = tokenVariable;
    }

    /** The module name, which is also the name of its {@code service} token entry. */
    public String serviceName() {
        return serviceName;
    }

    /** The environment variable holding this service's own token. */
    public String tokenVariable() {
        return tokenVariable;
    }

    public static Optional<PlatformService> named(String name) {
        for (PlatformService service : values()) {
            if (service.serviceName.equals(name)) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    /**
     * This service's own outgoing token, which it must have: without it every call to a peer would
     * be refused, so the service refuses to start instead, naming the variable.
     *
     * @param configured the configured value (usually {@code ${<SERVICE>_SERVICE_TOKEN}})
     * @throws IllegalStateException when it is unset or too short; the message never holds the token
     */
    public String requireOwnToken(String configured) {
        if (PlatformConfigs.isUnset(configured)) {
            throw new IllegalStateException(tokenVariable + " is not set: " + serviceName
                    + " presents this token, its own service identity, to every peer it calls; set it (at least "
                    + TokenConfig.MIN_TOKEN_LENGTH + " random characters) and give the same value to the peers that accept "
                    + serviceName);
        }
        if (configured.length() < TokenConfig.MIN_TOKEN_LENGTH) {
            throw new IllegalStateException(tokenVariable + " is too short: at least "
                    + TokenConfig.MIN_TOKEN_LENGTH + " characters are required");
        }
        return configured;
    }
}
