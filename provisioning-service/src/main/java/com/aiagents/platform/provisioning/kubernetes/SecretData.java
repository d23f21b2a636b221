package com.aiagents.platform.provisioning.kubernetes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The credentials secret's data: encoding for the Secret object and the digest written to the
 * {@link #HASH_ANNOTATION} annotation, so drift can be detected without comparing or printing
 * values. Whoever can read the annotation can read the Secret's data anyway.
 */
final class SecretData {

    static final String HASH_ANNOTATION = "ai-agents-platform/credentials-sha256";

    private SecretData() {
    }

    /** Key to base64 of the UTF-8 value, sorted by key: a Secret's {@code data}. */
    static Map<String, String> encode(Map<String, String> values) {
        Map<String, String> data = new TreeMap<>();
        values.forEach((key, value) -> data.put(key,
                Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return data;
    }

    /**
     * SHA-256 (hex) over the sorted keys and decoded values of a Secret's {@code data}, each
     * length-prefixed so that no two different maps share an input. {@code null} counts as empty.
     */
    static String hash(Map<String, String> base64Data) {
        MessageDigest digest = sha256();
        new TreeMap<>(base64Data == null ? Map.of() : base64Data).forEach((key, encoded) -> {
            update(digest, key.getBytes(StandardCharsets.UTF_8));
            update(digest, decode(encoded));
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Data that is not base64 (only someone else can have written it) hashes as its raw text. */
    private static byte[] decode(String encoded) {
        if (encoded == null) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return encoded.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static void update(MessageDigest digest, byte[] bytes) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
