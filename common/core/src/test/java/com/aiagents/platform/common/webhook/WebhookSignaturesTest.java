package com.aiagents.platform.common.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {
    private static final byte[] BODY = "{\"ticket_id\":\"TKT-1\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void matchesTheRfc4231TestVector() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(WebhookSignatures.hmacSha256Hex("Jefe",
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void acceptsLowerUpperAndPrefixedHex() {
        String hex = WebhookSignatures.hmacSha256Hex("s3cret", BODY);
        List<String> secrets = List.of("s3cret");
        assertThat(WebhookSignatures.verifyHmac(BODY, hex, secrets)).isTrue();
        assertThat(WebhookSignatures.verifyHmac(BODY, hex.toUpperCase(Locale.ROOT), secrets)).isTrue();
        assertThat(WebhookSignatures.verifyHmac(BODY, "sha256=" + hex, secrets)).isTrue();
        assertThat(WebhookSignatures.verifyHmac(BODY, "SHA256=" + hex.toUpperCase(Locale.ROOT), secrets)).isTrue();
    }

    @Test
    void rejectsAnotherSecretAnAlteredBodyAndMalformedValues() {
        String hex = WebhookSignatures.hmacSha256Hex("s3cret", BODY);
        byte[] altered = Arrays.copyOf(BODY, BODY.length);
        altered[3] ^= 1;
        assertThat(WebhookSignatures.verifyHmac(BODY, hex, List.of("other"))).isFalse();
        assertThat(WebhookSignatures.verifyHmac(altered, hex, List.of("s3cret"))).isFalse();
        assertThat(WebhookSignatures.verifyHmac(BODY, hex.substring(1), List.of("s3cret"))).isFalse();
        assertThat(WebhookSignatures.verifyHmac(BODY, hex + "00", List.of("s3cret"))).isFalse();
        assertThat(WebhookSignatures.verifyHmac(BODY, "zz" + hex.substring(2), List.of("s3cret"))).isFalse();
        assertThat(WebhookSignatures.verifyHmac(BODY, "\u0663" + hex.substring(1), List.of("s3cret"))).isFalse();
        assertThat(WebhookSignatures.verifyHmac(BODY, null, List.of("s3cret"))).isFalse();
        assertThat(WebhookSignatures.verifyHmac(BODY, hex, List.of())).isFalse();
    }

    @Test
    void anyAcceptedSecretVerifiesSoAPreviousSecretWorksDuringRotation() {
        String signedWithOld = WebhookSignatures.hmacSha256Hex("old", BODY);
        assertThat(WebhookSignatures.verifyHmac(BODY, signedWithOld, Arrays.asList("new", "old"))).isTrue();
        assertThat(WebhookSignatures.verifyHmac(BODY, signedWithOld, Arrays.asList("new", null))).isFalse();
    }

    @Test
    void tokenModeComparesTheWholeSecret() {
        assertThat(WebhookSignatures.verifyToken("tok-123", List.of("tok-123"))).isTrue();
        assertThat(WebhookSignatures.verifyToken("tok-12", List.of("tok-123"))).isFalse();
        assertThat(WebhookSignatures.verifyToken("tok-1234", List.of("tok-123"))).isFalse();
        assertThat(WebhookSignatures.verifyToken("", List.of(""))).isFalse();
        assertThat(WebhookSignatures.verifyToken(null, List.of("tok-123"))).isFalse();
        assertThat(WebhookSignatures.verifyToken("old", Arrays.asList("new", "old"))).isTrue();
    }
}
