package com.aiagents.platform.tenant.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** Knobs of the registry's behaviour, from the {@code registry:} section of config.yml. */
public class RegistrySettings {
    /** Public base URL of webhook-gateway, used to build the URL an MSP pastes into SDP. */
    @NotEmpty
    @JsonProperty
    private String webhookBaseUrl = "http://127.0.0.1:8080";

    /** How long the previous webhook secret stays valid after a rotation. */
    @NotNull
    @JsonProperty
    private Duration secretRotationGracePeriod = Duration.hours(24);

    /** How recent a 4/4 gate run must be for activation. */
    @NotNull
    @JsonProperty
    private Duration gateRunMaxAge = Duration.hours(24);

    /** How long an offboarded tenant's data is kept (restorable by an admin) before it is erased. */
    @NotNull
    @JsonProperty
    private Duration offboardingGracePeriod = Duration.days(30);

    public String getWebhookBaseUrl() {
        return webhookBaseUrl;
    }

    /** The URL a tenant's SDP posts its webhooks to. */
    public String webhookUrl(com.aiagents.platform.api.TenantId id) {
        return webhookBaseUrl.replaceAll("/+$", "") + "/webhook/servicedesk?tenant_id="
                + java.net.URLEncoder.encode(id.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    public java.time.Duration secretRotationGracePeriod() {
        return secretRotationGracePeriod.toJavaDuration();
    }

    public java.time.Duration gateRunMaxAge() {
        return gateRunMaxAge.toJavaDuration();
    }

    public java.time.Duration offboardingGracePeriod() {
        return offboardingGracePeriod.toJavaDuration();
    }

    public RegistrySettings withOffboardingGracePeriod(java.time.Duration grace) {
        this.offboardingGracePeriod = Duration.milliseconds(grace.toMillis());
        return this;
    }

    public RegistrySettings withWebhookBaseUrl(String url) {
        this.webhookBaseUrl = url;
        return this;
    }
}
