package com.aiagents.platform.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * The services the console calls, always with the signed-in person's own access token (it has no
 * token of its own): their application URLs, how long a call may take, and the platform CA for https.
 */
public class PeerSettings {
    @NotEmpty
    @JsonProperty
    private String tenantServiceUrl = "http://127.0.0.1:8081";

    @NotEmpty
    @JsonProperty
    private String webhookGatewayUrl = "http://127.0.0.1:8080";

    @NotEmpty
    @JsonProperty
    private String enhancementWorkerUrl = "http://127.0.0.1:8082";

    @NotEmpty
    @JsonProperty
    private String provisioningServiceUrl = "http://127.0.0.1:8083";

    @NotEmpty
    @JsonProperty
    private String gatesRunnerUrl = "http://127.0.0.1:8084";

    /** A page's calls; gate runs (synchronous, minutes) have {@link #gateRunTimeout}. */
    @NotNull
    @JsonProperty
    private Duration callTimeout = Duration.seconds(10);

    @NotNull
    @JsonProperty
    private Duration gateRunTimeout = Duration.minutes(10);

    /** PLATFORM_TLS_CA_FILE: the PEM CA the services' https certificates are checked against. */
    @JsonProperty
    private String tlsCaFile;

    public String getTenantServiceUrl() {
        return tenantServiceUrl;
    }

    public String getWebhookGatewayUrl() {
        return webhookGatewayUrl;
    }

    public String getEnhancementWorkerUrl() {
        return enhancementWorkerUrl;
    }

    public String getProvisioningServiceUrl() {
        return provisioningServiceUrl;
    }

    public String getGatesRunnerUrl() {
        return gatesRunnerUrl;
    }

    public Duration getCallTimeout() {
        return callTimeout;
    }

    public Duration getGateRunTimeout() {
        return gateRunTimeout;
    }

    public String getTlsCaFile() {
        return tlsCaFile;
    }
}
