package com.aiagents.platform.provisioning.client;

import com.aiagents.platform.common.auth.PlatformService;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code services:} block: the peers the saga calls and the {@code service}-role token it
 * calls them with ({@code PROVISIONING_SERVICE_TOKEN}, its own identity). The token is write-only here: no getter
 * prints it, and {@link #toString()} redacts it.
 */
public class ServicesConfig {
    private String serviceToken;
    /** PLATFORM_TLS_CA_FILE: the PEM CA the peers' https certificates are checked against. */
    private String tlsCaFile;

    @Valid
    @NotNull
    private ServiceEndpoint tenantService = new ServiceEndpoint("http://127.0.0.1:8081", Duration.seconds(15));

    @Valid
    @NotNull
    private ServiceEndpoint gatesRunner = new ServiceEndpoint("http://127.0.0.1:8084", Duration.minutes(10));

    @Valid
    @NotNull
    private ServiceEndpoint enhancementWorker = new ServiceEndpoint("http://127.0.0.1:8082", Duration.seconds(10));

    /** Not called by the saga (gate 3 drives it); watched by a health check because onboarding needs it. */
    @Valid
    @NotNull
    private ServiceEndpoint webhookGateway = new ServiceEndpoint("http://127.0.0.1:8080", Duration.seconds(5));

    @JsonProperty public void setServiceToken(String serviceToken) { this.serviceToken = serviceToken; }
    @JsonProperty public String getTlsCaFile() { return tlsCaFile; }
    @JsonProperty public void setTlsCaFile(String tlsCaFile) { this.tlsCaFile = tlsCaFile; }
    @JsonProperty public ServiceEndpoint getTenantService() { return tenantService; }
    @JsonProperty public void setTenantService(ServiceEndpoint tenantService) { this.tenantService = tenantService; }
    @JsonProperty public ServiceEndpoint getGatesRunner() { return gatesRunner; }
    @JsonProperty public void setGatesRunner(ServiceEndpoint gatesRunner) { this.gatesRunner = gatesRunner; }
    @JsonProperty public ServiceEndpoint getEnhancementWorker() { return enhancementWorker; }
    @JsonProperty public void setEnhancementWorker(ServiceEndpoint enhancementWorker) { this.enhancementWorker = enhancementWorker; }
    @JsonProperty public ServiceEndpoint getWebhookGateway() { return webhookGateway; }
    @JsonProperty public void setWebhookGateway(ServiceEndpoint webhookGateway) { this.webhookGateway = webhookGateway; }

    /**
     * Checks that provisioning-service's own token is set, so the service refuses to start (naming
     * {@code PROVISIONING_SERVICE_TOKEN}) before it touches anything else.
     */
    public void requireOwnToken() {
        PlatformService.PROVISIONING.requireOwnToken(serviceToken);
    }

    /** The service token, for the clients only (the peers' and the audit trail's). */
    public String serviceToken() {
        return serviceToken;
    }

    @Override
    public String toString() {
        return "ServicesConfig[serviceToken=<redacted>, tenantService=" + tenantService.getUrl()
                + ", gatesRunner=" + gatesRunner.getUrl() + ", enhancementWorker=" + enhancementWorker.getUrl() + "]";
    }
}
