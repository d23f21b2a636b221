package com.aiagents.platform.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncryptionKeysTest {
    private static final String KEY_1 = base64(1);
    private static final String KEY_2 = base64(2);
    private static final String ACME = "tenant_configs:acme-corp:webhook_secret";

    private static String base64(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void currentKeyAloneDefaultsToVersion1() {
        EncryptionKeys keys = EncryptionKeys.fromEnvironment(Map.of("TENANT_ENCRYPTION_KEY", KEY_1));
        assertThat(keys.currentVersion()).isEqualTo(1);
        assertThat(new SecretCipher(keys).encrypt("s", ACME)).startsWith("v1:");
    }

    @Test
    void previousKeysFromTheEnvironmentDecryptOldCiphertexts() {
        String old = new SecretCipher(EncryptionKeys.fromEnvironment(Map.of("TENANT_ENCRYPTION_KEY", KEY_1)))
                .encrypt("webhook-secret", ACME);
        EncryptionKeys rotated = EncryptionKeys.fromEnvironment(Map.of(
                "TENANT_ENCRYPTION_KEY", KEY_2,
                "TENANT_ENCRYPTION_KEY_VERSION", "2",
                "TENANT_ENCRYPTION_PREVIOUS_KEYS", " 1:" + KEY_1 + " "));
        assertThat(new SecretCipher(rotated).decrypt(old, ACME)).isEqualTo("webhook-secret");
    }

    @Test
    void urlSafeBase64IsAcceptedToo() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 0xfb); // encodes with '+' and '/' in standard base64
        String urlSafe = Base64.getUrlEncoder().encodeToString(key);
        assertThat(EncryptionKeys.fromEnvironment(Map.of("TENANT_ENCRYPTION_KEY", urlSafe)).currentVersion()).isEqualTo(1);
    }

    @Test
    void wrongKeyLengthIsAClearError() {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> EncryptionKeys.fromEnvironment(Map.of("TENANT_ENCRYPTION_KEY", short16)))
                .isInstanceOf(SecretCipherException.class)
                .hasMessage("TENANT_ENCRYPTION_KEY must be exactly 32 bytes (AES-256), not 16")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(short16));
        assertThatThrownBy(() -> EncryptionKeys.of(1, new byte[31], Map.of()))
                .hasMessageContaining("exactly 32 bytes");
    }

    @Test
    void missingOrUnresolvedKeyIsAClearError() {
        assertThatThrownBy(() -> EncryptionKeys.fromEnvironment(Map.of()))
                .isInstanceOf(SecretCipherException.class)
                .hasMessageContaining("TENANT_ENCRYPTION_KEY is not set");
        assertThatThrownBy(() -> EncryptionKeys.fromEnvironment(Map.of("TENANT_ENCRYPTION_KEY", "${TENANT_ENCRYPTION_KEY}")))
                .hasMessageContaining("is not set");
    }

    @Test
    void badValuesAreNamedButNotQuoted() {
        String notBase64 = "this is *not* base64!";
        assertThatThrownBy(() -> EncryptionKeys.fromEnvironment(Map.of("TENANT_ENCRYPTION_KEY", notBase64)))
                .hasMessage("TENANT_ENCRYPTION_KEY is not valid base64");
        assertThatThrownBy(() -> EncryptionKeys.fromEnvironment(Map.of(
                "TENANT_ENCRYPTION_KEY", KEY_2, "TENANT_ENCRYPTION_KEY_VERSION", "two")))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> EncryptionKeys.fromEnvironment(Map.of(
                "TENANT_ENCRYPTION_KEY", KEY_2, "TENANT_ENCRYPTION_KEY_VERSION", "2",
                "TENANT_ENCRYPTION_PREVIOUS_KEYS", KEY_1)))
                .hasMessageContaining("entry 1 is not of the form")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY_1));
        assertThatThrownBy(() -> EncryptionKeys.fromEnvironment(Map.of(
                "TENANT_ENCRYPTION_KEY", KEY_2, "TENANT_ENCRYPTION_KEY_VERSION", "2",
                "TENANT_ENCRYPTION_PREVIOUS_KEYS", "2:" + KEY_1)))
                .hasMessageContaining("also the current key version");
    }

    @Test
    void configSectionBindsAndNeverWritesTheKey() throws Exception {
        ObjectMapper json = new ObjectMapper();
        EncryptionConfig config = json.readValue("{\"key\":\"" + KEY_2 + "\",\"keyVersion\":\"2\",\"previousKeys\":\"1:"
                + KEY_1 + "\"}", EncryptionConfig.class);
        assertThat(config.toKeys().currentVersion()).isEqualTo(2);
        assertThat(json.writeValueAsString(config)).doesNotContain(KEY_1, KEY_2);
    }
}
