package com.aiagents.platform.gateway.support;

import com.aiagents.platform.common.webhook.WebhookSignatures;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Webhook bodies and the headers that authenticate them. */
public final class Deliveries {
    private static final AtomicLong TICKETS = new AtomicLong(1000);

    private Deliveries() {
    }

    /** A flat SDP-style payload for a ticket no other test uses, so dedup never merges tests. */
    public static byte[] ticket() {
        return ticket("TKT-" + TICKETS.incrementAndGet());
    }

    public static byte[] ticket(String ticketId) {
        return ("{\"ticket_id\":\"" + ticketId + "\",\"subject\":\"VPN drops every hour\","
                + "\"description\":\"Users in Lyon lose the tunnel.\",\"priority\":\"High\",\"status\":\"Open\","
                + "\"requester_email\":\"jo@acme.example\",\"created_at\":\"2026-03-01T12:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static Map<String, String> signed(String secret, byte[] body) {
        return Map.of("X-ServiceDesk-Signature", WebhookSignatures.hmacSha256Hex(secret, body));
    }
}
