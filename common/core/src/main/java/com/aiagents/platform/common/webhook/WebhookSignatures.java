package com.aiagents.platform.common.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook authentication rules of docs/api/webhook-gateway.md, as pure functions so the gateway, the
 * SDP simulator and gate 3 sign and verify exactly alike.
 *
 * <p>{@code hmac} mode: HMAC-SHA256 of the raw body keyed with the secret's UTF-8 bytes, in hex of
 * either case, optionally prefixed {@code sha256=} (what {@code openssl dgst -sha256 -hmac} prints).
 * The presented value is decoded and compared as bytes with {@link MessageDigest#isEqual}, which
 * takes the same time wherever the first difference is. {@code token} mode: the header carries the
 * secret itself, also compared in constant time.
 */
public final class WebhookSignatures {
    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "sha256=";
    private static final int DIGEST_HEX_LENGTH = 64;

    private WebhookSignatures() {
    }

    /** Lower-case hex HMAC-SHA256 of {@code body}, as a sender puts it in X-ServiceDesk-Signature. */
    public static String hmacSha256Hex(String secret, byte[] body) {
        return HexFormat.of().formatHex(hmacSha256(secret, body));
    }

    /**
     * Whether {@code presented} is the signature of {@code body} under any of {@code acceptedSecrets}
     * (the current secret, and the previous one during a rotation's grace period). Every secret is
     * tried, so the time taken does not tell which one matched. A value that is not 64 hex digits
     * (after an optional {@code sha256=}) never verifies.
     */
    public static boolean verifyHmac(byte[] body, String presented, Collection<String> acceptedSecrets) {
        Objects.requireNonNull(body, "body");
        byte[] presentedDigest = decodeSignature(presented);
        if (presentedDigest == null) {
            return false;
        }
        boolean matched = false;
        for (String secret : acceptedSecrets) {
            if (secret != null && !secret.isEmpty()) {
                matched |= MessageDigest.isEqual(hmacSha256(secret, body), presentedDigest);
            }
        }
        return matched;
    }

    /** Whether the static header value {@code presented} equals one of {@code acceptedSecrets}. */
    public static boolean verifyToken(String presented, Collection<String> acceptedSecrets) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        // Compare fixed-length digests so neither the content nor the length of a secret leaks
        // through timing (MessageDigest.isEqual returns early on a length mismatch).
        byte[] presentedDigest = sha256(presented.getBytes(StandardCharsets.UTF_8));
        boolean matched = false;
        for (String secret : acceptedSecrets) {
            if (secret != null && !secret.isEmpty()) {
                matched |= MessageDigest.isEqual(sha256(secret.getBytes(StandardCharsets.UTF_8)), presentedDigest);
            }
        }
        return matched;
    }

    /** The 32 digest bytes a header value names, or null when it is not a well-formed signature. */
    static byte[] decodeSignature(String presented) {
        if (presented == null) {
            return null;
        }
        String hex = presented.strip();
        if (hex.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            hex = hex.substring(PREFIX.length());
        }
        if (hex.length() != DIGEST_HEX_LENGTH) {
            return null;
        }
        for (int i = 0; i < hex.length(); i++) {
            if (!isAsciiHexDigit(hex.charAt(i))) {
                return null;
            }
        }
        return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
    }

    // Character.digit would also accept non-ASCII digits such as U+0663.
    private static boolean isAsciiHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // HmacSHA256 is mandatory in every JRE and any non-empty key is valid for it.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
