package com.aiagents.platform.gates;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** Where the platform's other services are, and gates-runner's own service token (GATES_SERVICE_TOKEN) it calls them with. */
public class ServicesSettings {
    @NotEmpty
    @JsonProperty
    private String tenantServiceUrl = "http://127.0.0.1:8081";

    @NotEmpty
    @JsonProperty
    private String webhookGatewayUrl = "http://127.0.0.1:8080";

    @NotEmpty
    @JsonProperty
    private String provisioningServiceUrl = "http://127.0.0.1:8083";

    @NotEmpty
    @JsonProperty
    private String enhancementWorkerUrl = "http://127.0.0.1:8082";

    /** GATES_SERVICE_TOKEN, gates-runner's own identity: write-only, never serialized back. */
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    private String serviceToken = "";

    @NotNull
    @JsonProperty
    private Duration callTimeout = Duration.seconds(30);

    /** PLATFORM_TLS_CA_FILE: the PEM CA the peers' https certificates are checked against. */
    @JsonProperty
    private String tlsCaFile;

    public String getTlsCaFile() {
        return tlsCaFile;
    }

    public String getTenantServiceUrl() {
        return tenantServiceUrl;
    }

    public String getWebhookGatewayUrl() {
        return webhookGatewayUrl;
    }

    public String getProvisioningServiceUrl() {
        return provisioningServiceUrl;
    }

    public String getEnhancementWorkerUrl() {
        return enhancementWorkerUrl;
    }

    public String getServiceToken() {
        return serviceToken;
    }

    public Duration getCallTimeout() {
        return callTimeout;
    }
}
