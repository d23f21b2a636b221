package com.aiagents.platform.worker.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Rules for text and addresses that PostgreSQL must be able to store (else a bulk load would fail with 500). */
final class StoredText {
    /** PostgreSQL text cannot hold NUL: {@code @Pattern(regexp = StoredText.NO_NUL, message = StoredText.NO_NUL_MESSAGE)}. */
    static final String NO_NUL = "[^\\x00]*";
    static final String NO_NUL_MESSAGE = "must not contain NUL characters";

    private static final Pattern IPV4 =
            Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    /** Hex, colons and (for an embedded IPv4 part) dots, with at least one colon: never a host name. */
    private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$");

    private StoredText() {
    }

    /**
     * Whether {@code value} is an IPv4 or IPv6 literal that the {@code inet} type accepts. Only
     * strings with a colon reach {@link InetAddress#getByName}, which parses those as IPv6 literals
     * and never looks them up in DNS.
     */
    static boolean isIpLiteral(String value) {
        if (IPV4.matcher(value).matches()) {
            return true;
        }
        if (value.length() > 45 || !IPV6_CHARS.matcher(value).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(value) != null;
        } catch (UnknownHostException | IllegalArgumentException notALiteral) {
            return false;
        }
    }
}
