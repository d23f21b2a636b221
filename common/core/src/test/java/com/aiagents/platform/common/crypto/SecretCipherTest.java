package com.aiagents.platform.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
    private static final String PLAINTEXT = "{\"api_key\":\"SDP-TECH-KEY-very-secret\"}";
    private static final String ACME = "tenant_configs:acme-corp:servicedesk_credentials";
    private static final String GLOBEX = "tenant_configs:globex:servicedesk_credentials";

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return key;
    }

    private static SecretCipher cipher(int version, Map<Integer, byte[]> previous) {
        return new SecretCipher(EncryptionKeys.of(version, key(version), previous));
    }

    @Test
    void roundTripsAndWritesTheKeyVersion() {
        SecretCipher cipher = cipher(1, Map.of());
        String ciphertext = cipher.encrypt(PLAINTEXT, ACME);
        assertThat(ciphertext).startsWith("v1:").doesNotContain(PLAINTEXT).doesNotContain("SDP-TECH-KEY");
        assertThat(cipher.decrypt(ciphertext, ACME)).isEqualTo(PLAINTEXT);
        assertThat(cipher.decrypt(cipher.encrypt("", ACME), ACME)).isEmpty();
        assertThat(cipher.decrypt(cipher.encrypt("ünïcødé ✓", ACME), ACME)).isEqualTo("ünïcødé ✓");
    }

    @Test
    void ciphertextHoldsIvCiphertextAndTagInBase64Url() {
        String ciphertext = cipher(1, Map.of()).encrypt("abc", ACME);
        byte[] decoded = Base64.getUrlDecoder().decode(ciphertext.substring(3));
        assertThat(decoded).hasSize(12 + 3 + 16);
    }

    @Test
    void samePlaintextEncryptsDifferentlyEachTime() {
        SecretCipher cipher = cipher(1, Map.of());
        assertThat(cipher.encrypt(PLAINTEXT, ACME)).isNotEqualTo(cipher.encrypt(PLAINTEXT, ACME));
    }

    @Test
    void anyAlteredByteFailsAuthentication() {
        SecretCipher cipher = cipher(1, Map.of());
        String ciphertext = cipher.encrypt(PLAINTEXT, ACME);
        byte[] raw = Base64.getUrlDecoder().decode(ciphertext.substring(3));
        for (int position : new int[] {0, 11, 12, raw.length / 2, raw.length - 1}) {
            byte[] tampered = raw.clone();
            tampered[position] ^= 0x01;
            String altered = "v1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertThatThrownBy(() -> cipher.decrypt(altered, ACME))
                    .isInstanceOf(SecretCipherException.class)
                    .hasMessage("authentication failed: ciphertext or associated data was altered");
        }
    }

    @Test
    void ciphertextCopiedToAnotherTenantsRowDoesNotDecrypt() {
        SecretCipher cipher = cipher(1, Map.of());
        String ciphertext = cipher.encrypt(PLAINTEXT, ACME);
        assertThatThrownBy(() -> cipher.decrypt(ciphertext, GLOBEX))
                .isInstanceOf(SecretCipherException.class)
                .hasMessageContaining("authentication failed");
    }

    @Test
    void rotationDecryptsOldCiphertextsAndReencryptsThemUnderTheNewKey() {
        String old = cipher(1, Map.of()).encrypt(PLAINTEXT, ACME);
        SecretCipher rotated = cipher(2, Map.of(1, key(1)));

        assertThat(rotated.decrypt(old, ACME)).isEqualTo(PLAINTEXT);
        assertThat(rotated.needsReencryption(old)).isTrue();

        String fresh = rotated.reencrypt(old, ACME);
        assertThat(fresh).startsWith("v2:");
        assertThat(rotated.needsReencryption(fresh)).isFalse();
        assertThat(rotated.decrypt(fresh, ACME)).isEqualTo(PLAINTEXT);
        assertThat(rotated.reencrypt(fresh, ACME)).isEqualTo(fresh);
    }

    @Test
    void unknownKeyVersionIsAClearError() {
        String fromTheFuture = cipher(3, Map.of()).encrypt(PLAINTEXT, ACME);
        assertThatThrownBy(() -> cipher(2, Map.of(1, key(1))).decrypt(fromTheFuture, ACME))
                .isInstanceOf(SecretCipherException.class)
                .hasMessage("ciphertext was encrypted with unknown key version 3");
    }

    @Test
    void malformedCiphertextsAreRejectedWithoutQuotingThem() {
        SecretCipher cipher = cipher(1, Map.of());
        for (String malformed : new String[] {"plain-secret-value", "v1:", "v0:AAAA", "v1:%%%%", "v1:AAAA"}) {
            assertThatThrownBy(() -> cipher.decrypt(malformed, ACME))
                    .isInstanceOf(SecretCipherException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(malformed));
        }
    }

    @Test
    void noMessageEverContainsPlaintextKeyOrCiphertext() {
        SecretCipher cipher = cipher(1, Map.of());
        String ciphertext = cipher.encrypt(PLAINTEXT, ACME);
        String keyBase64 = Base64.getEncoder().encodeToString(key(1));
        assertThatThrownBy(() -> cipher.decrypt(ciphertext, GLOBEX))
                .satisfies(e -> assertThat(String.valueOf(e.getMessage()) + e.getCause())
                        .doesNotContain(PLAINTEXT, "SDP-TECH-KEY", keyBase64, ciphertext, ciphertext.substring(3)));
    }
}
