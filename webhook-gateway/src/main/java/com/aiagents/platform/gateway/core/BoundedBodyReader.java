package com.aiagents.platform.gateway.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body into memory but never more than {@code limit + 1} bytes: a declared
 * Content-Length over the limit is refused before reading anything, and a chunked or lying body
 * is cut off as soon as it passes the limit.
 */
public final class BoundedBodyReader {
    private final int limit;

    public BoundedBodyReader(int limit) {
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }

    /** @param declaredLength the Content-Length header, or -1 when absent */
    public byte[] read(InputStream in, long declaredLength) {
        if (declaredLength > limit) {
            throw tooLarge();
        }
        int expected = declaredLength >= 0 ? (int) declaredLength : 8192;
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(expected, limit) + 1);
        byte[] buffer = new byte[8192];
        try {
            int read;
            while ((read = in.read(buffer, 0, Math.min(buffer.length, limit + 1 - out.size()))) > 0) {
                out.write(buffer, 0, read);
                if (out.size() > limit) {
                    throw tooLarge();
                }
            }
        } catch (IOException e) {
            // The client went away or sent a broken chunked body: its fault, not ours.
            throw WebhookRejection.of(WebhookOutcome.BAD_REQUEST, "unreadable_body", "the request body could not be read");
        }
        return out.toByteArray();
    }

    private WebhookRejection tooLarge() {
        return WebhookRejection.of(WebhookOutcome.TOO_LARGE, "payload_too_large",
                "the request body exceeds " + limit + " bytes");
    }
}
