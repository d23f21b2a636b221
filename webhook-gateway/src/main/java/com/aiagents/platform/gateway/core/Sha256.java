package com.aiagents.platform.gateway.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hex SHA-256 digests for dedup keys and event keys. */
final class Sha256 {
    private Sha256() {
    }

    static String hex(byte[] input) {
        return HexFormat.of().formatHex(digest("SHA-256", input));
    }

    static String hex(String input) {
        return hex(input.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] digest(String algorithm, byte[] input) {
        try {
            return MessageDigest.getInstance(algorithm).digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is mandatory in every JRE", e);
        }
    }
}
