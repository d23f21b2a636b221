package com.aiagents.platform.sdp.http;

import java.util.List;
import java.util.function.Supplier;

/**
 * Last line of defence for exception messages: replaces every known secret of the tenant by
 * {@code ***}, also where SDP or a proxy echoes one back in an error text.
 */
public final class SecretRedactor {

    /** Shorter values are not secrets worth scrubbing and would mangle ordinary words. */
    private static final int MIN_SECRET_LENGTH = 4;

    private final Supplier<List<String>> secrets;

    public SecretRedactor(Supplier<List<String>> secrets) {
        this.secrets = secrets;
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets.get()) {
            if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
                result = result.replace(secret, "***");
            }
        }
        return result;
    }
}
