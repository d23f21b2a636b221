package com.aiagents.platform.common.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedbackTokensTest {
    private static final String KEY = "feedback-signing-key-for-tests-0123456789";
    private static final String OTHER_KEY = "another-feedback-signing-key-9876543210xyz";
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final FeedbackTokens tokens = new FeedbackTokens(KEY, List.of(), clock);
    private final FeedbackClaim claim =
            new FeedbackClaim("acme-corp", 42, FeedbackVote.HELPFUL, NOW.plus(Duration.ofDays(30)));

    @Test
    void aSignedTokenVerifiesToItsClaim() throws Exception {
        assertThat(tokens.verify(tokens.sign(claim))).isEqualTo(claim);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String forged = new FeedbackTokens(OTHER_KEY, List.of(), clock).sign(claim);
        assertRefused(forged, FeedbackTokenException.Reason.BAD_SIGNATURE);
    }

    @Test
    void aTokenWhosePayloadWasChangedIsRefused() {
        String token = tokens.sign(claim);
        String[] parts = token.split("\\.");
        String otherTenant = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("globex|42|helpful|" + claim.expiresAt().getEpochSecond()).getBytes(StandardCharsets.UTF_8));
        assertRefused(parts[0] + "." + otherTenant + "." + parts[2], FeedbackTokenException.Reason.BAD_SIGNATURE);
        String otherVote = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("acme-corp|42|not_helpful|" + claim.expiresAt().getEpochSecond()).getBytes(StandardCharsets.UTF_8));
        assertRefused(parts[0] + "." + otherVote + "." + parts[2], FeedbackTokenException.Reason.BAD_SIGNATURE);
        int at = token.length() - 5;
        char c = token.charAt(at);
        assertRefused(token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1),
                FeedbackTokenException.Reason.BAD_SIGNATURE);
        // the signature's last character also holds two spare bits: flipping only those is refused too
        char last = token.charAt(token.length() - 1);
        char sibling = (char) (last ^ 1);
        String spare = token.substring(0, token.length() - 1) + sibling;
        assertThatThrownBy(() -> tokens.verify(spare)).isInstanceOf(FeedbackTokenException.class);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = tokens.sign(new FeedbackClaim("acme-corp", 42, FeedbackVote.HELPFUL, NOW));
        assertRefused(token, FeedbackTokenException.Reason.EXPIRED);
    }

    @Test
    void garbageIsRefusedAsMalformed() {
        for (String garbage : List.of("", "abc", "v1.x", "v2.a.b", "v1.!!!.???", "x".repeat(2000))) {
            assertRefused(garbage, FeedbackTokenException.Reason.MALFORMED);
        }
        // well-formed but unsigned: the signature check refuses it before the (empty) payload is read
        assertRefused("v1..", FeedbackTokenException.Reason.BAD_SIGNATURE);
    }

    @Test
    void thePreviousKeyStillVerifiesDuringARotation() throws Exception {
        String oldToken = new FeedbackTokens(OTHER_KEY, List.of(), clock).sign(claim);
        FeedbackTokens rotated = new FeedbackTokens(KEY, List.of(OTHER_KEY), clock);
        assertThat(rotated.verify(oldToken)).isEqualTo(claim);
        assertThat(rotated.verify(rotated.sign(claim))).isEqualTo(claim);
    }

    @Test
    void aShortKeyIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> new FeedbackTokens("short-secret", List.of(), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short-secret");
    }

    private void assertRefused(String token, FeedbackTokenException.Reason reason) {
        assertThatThrownBy(() -> tokens.verify(token))
                .isInstanceOf(FeedbackTokenException.class)
                .satisfies(e -> assertThat(((FeedbackTokenException) e).reason()).isEqualTo(reason));
    }
}
