package com.aiagents.platform.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code event_key} of a job, shared by everything that enqueues one (the gateway for each
 * webhook, the worker's reconciliation for a ticket whose webhook never came): the worker records
 * one enhancement per key, so a ticket reached both ways still gets one note.
 */
public final class TicketEventKeys {
    private TicketEventKeys() {
    }

    /**
     * A ticket is created once: every creation job for it is the same event whatever brought it.
     * An update's {@code distinct} part tells apart jobs the worker then re-keys by the ticket's
     * fetched content (an update body often carries only the ticket id).
     */
    public static String of(TenantId tenant, String ticketId, String event, String distinct) {
        String suffix = EnhancementJob.REQUEST_CREATED.equals(event) ? "" : "\n" + distinct;
        return sha256Hex(tenant.value() + "\n" + ticketId + "\n" + event + suffix);
    }

    public static String created(TenantId tenant, String ticketId) {
        return of(tenant, ticketId, EnhancementJob.REQUEST_CREATED, "");
    }

    private static String sha256Hex(String input) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }
}
