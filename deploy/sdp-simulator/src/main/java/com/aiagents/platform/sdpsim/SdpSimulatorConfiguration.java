package com.aiagents.platform.sdpsim;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** config.yml of the simulator; every value can come from the environment. */
public class SdpSimulatorConfiguration extends Configuration {

    /**
     * The URL clients reach the simulator at, for the {@code base_url} of instances. Blank means
     * {@code http://127.0.0.1:<the application port>}.
     */
    @JsonProperty
    private String publicBaseUrl = "";

    @Valid
    @NotNull
    @JsonProperty
    private WebhookDeliveryConfiguration webhooks = new WebhookDeliveryConfiguration();

    public String getPublicBaseUrl() {
        return publicBaseUrl;
    }

    public WebhookDeliveryConfiguration getWebhooks() {
        return webhooks;
    }
}
