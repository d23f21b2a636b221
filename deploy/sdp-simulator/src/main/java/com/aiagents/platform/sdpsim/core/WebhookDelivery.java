package com.aiagents.platform.sdpsim.core;

import java.time.Instant;

/**
 * One attempt to deliver a webhook.
 *
 * @param deliveryId shared by all attempts of one event
 * @param status     the receiver's HTTP status, null when no reply came
 * @param error      why no reply came, null otherwise
 */
public record WebhookDelivery(String deliveryId, String event, String ticketId, int attempt, String url,
                              Integer status, String error, Instant at) {
}
