package com.aiagents.platform.tenant.core;

import com.aiagents.platform.api.ServicedeskCredentials;
import com.aiagents.platform.common.crypto.SecretCipher;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Encrypts and decrypts a tenant's secrets. The associated data names the tenant and the column,
 * so a ciphertext copied into another tenant's row, or into another column, fails to decrypt.
 */
public final class TenantSecrets {
    static final String CREDENTIALS = "servicedesk_credentials";
    static final String WEBHOOK_SECRET = "webhook_secret";
    static final String PREVIOUS_WEBHOOK_SECRET = "previous_webhook_secret";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretCipher cipher;
    private final ObjectMapper json;

    public TenantSecrets(SecretCipher cipher, ObjectMapper json) {
        this.cipher = cipher;
        this.json = json;
    }

    /** A new webhook secret: 32 random bytes as 64 lower-case hex characters. */
    public static String newWebhookSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public String encrypt(String tenantId, String column, String plaintext) {
        return plaintext == null ? null : cipher.encrypt(plaintext, associatedData(tenantId, column));
    }

    public String decrypt(String tenantId, String column, String ciphertext) {
        return ciphertext == null ? null : cipher.decrypt(ciphertext, associatedData(tenantId, column));
    }

    /** The ciphertext under the current key, or null when it already is. */
    public String reencryptIfStale(String tenantId, String column, String ciphertext) {
        if (ciphertext == null || !cipher.needsReencryption(ciphertext)) {
            return null;
        }
        return cipher.reencrypt(ciphertext, associatedData(tenantId, column));
    }

    public String encryptCredentials(String tenantId, ServicedeskCredentials credentials) {
        try {
            return encrypt(tenantId, CREDENTIALS, json.writeValueAsString(credentials));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("credentials could not be serialized");
        }
    }

    public ServicedeskCredentials decryptCredentials(String tenantId, String ciphertext) {
        String plaintext = decrypt(tenantId, CREDENTIALS, ciphertext);
        if (plaintext == null) {
            return null;
        }
        try {
            return json.readValue(plaintext, ServicedeskCredentials.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored credentials of tenant " + tenantId + " are not readable");
        }
    }

    private static String associatedData(String tenantId, String column) {
        return "tenant_configs:" + tenantId + ":" + column;
    }
}
