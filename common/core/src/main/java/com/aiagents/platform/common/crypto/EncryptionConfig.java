package com.aiagents.platform.common.crypto;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code encryption} section of a service's config, normally all from the environment:
 * <pre>
 * encryption:
 *   key: ${TENANT_ENCRYPTION_KEY}
 *   keyVersion: ${TENANT_ENCRYPTION_KEY_VERSION:-1}
 *   previousKeys: ${TENANT_ENCRYPTION_PREVIOUS_KEYS:-}
 * </pre>
 */
public class EncryptionConfig {
    private String key;
    private int keyVersion = 1;
    private String previousKeys;

    /** Write-only: no getter, so a config dump cannot show the key. */
    @JsonProperty
    public void setKey(String key) {
        this.key = key;
    }

    @JsonProperty
    public int getKeyVersion() {
        return keyVersion;
    }

    @JsonProperty
    public void setKeyVersion(int keyVersion) {
        this.keyVersion = keyVersion;
    }

    /** Write-only for the same reason as {@link #setKey}. */
    @JsonProperty
    public void setPreviousKeys(String previousKeys) {
        this.previousKeys = previousKeys;
    }

    /** @throws SecretCipherException when a key is missing, not base64 or not 32 bytes */
    public EncryptionKeys toKeys() {
        return EncryptionKeys.parse(key, Integer.toString(keyVersion), previousKeys);
    }
}
