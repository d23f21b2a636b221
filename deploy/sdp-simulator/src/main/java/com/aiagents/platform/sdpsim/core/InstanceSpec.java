package com.aiagents.platform.sdpsim.core;

/**
 * A validated request to create an instance.
 *
 * @param apiKey on-prem: the technician key; cloud: optional static access token
 * @param oauth  cloud only
 * @param webhook null when the instance sends no webhooks
 */
public record InstanceSpec(String name, Edition edition, String apiKey, OAuthClient oauth,
                           WebhookTarget webhook, Faults faults) {
    @Override
    public String toString() {
        return "InstanceSpec[name=" + name + ", edition=" + edition + ", apiKey=***, oauth=" + oauth
                + ", webhook=" + webhook + ", faults=" + faults + "]";
    }
}
