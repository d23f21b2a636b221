package com.aiagents.platform.sdpsim.core;

/**
 * A validated request to create an instance.
 *
 * @param apiKey on-prem and MSP: the technician key; cloud: optional static access token
 * @param oauth  cloud only
 * @param webhook null when the instance sends no webhooks
 * @param accounts MSP only: the customer accounts and their sites ({@link MspAccounts#NONE} elsewhere)
 */
public record InstanceSpec(String name, Edition edition, String apiKey, OAuthClient oauth,
                           WebhookTarget webhook, Faults faults, MspAccounts accounts) {

    public InstanceSpec(String name, Edition edition, String apiKey, OAuthClient oauth,
                        WebhookTarget webhook, Faults faults) {
        this(name, edition, apiKey, oauth, webhook, faults, MspAccounts.NONE);
    }

    @Override
    public String toString() {
        return "InstanceSpec[name=" + name + ", edition=" + edition + ", apiKey=***, oauth=" + oauth
                + ", webhook=" + webhook + ", faults=" + faults + ", accounts=" + accounts.asMap().keySet() + "]";
    }
}
