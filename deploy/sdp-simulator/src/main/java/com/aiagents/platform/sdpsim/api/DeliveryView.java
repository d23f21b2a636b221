package com.aiagents.platform.sdpsim.api;

import com.aiagents.platform.sdpsim.core.WebhookDelivery;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One webhook delivery attempt in {@code GET /sim/instances/<name>/webhook-deliveries}. */
public record DeliveryView(
        @JsonProperty("delivery_id") String deliveryId,
        @JsonProperty("event") String event,
        @JsonProperty("ticket_id") String ticketId,
        @JsonProperty("attempt") int attempt,
        @JsonProperty("url") String url,
        @JsonProperty("status") Integer status,
        @JsonProperty("error") String error,
        @JsonProperty("at") String at) {

    public static DeliveryView of(WebhookDelivery d) {
        return new DeliveryView(d.deliveryId(), d.event(), d.ticketId(), d.attempt(), d.url(), d.status(), d.error(),
                d.at().toString());
    }
}
