package com.aiagents.platform.tenant.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The token tenant-service issues and what its own verification refuses: another key, a key rotated
 * out, the wrong audience or issuer, {@code alg: none}, an expired token; and AUTH_SIGNING_KEYS:
 * the first key signs, all are published with public parts only, unusable sets are refused without
 * repeating key material.
 */
class AccessTokensTest {
    private static final ECKey OLD = SigningKeys.generate("2026-11");
    private static final ECKey NEW = SigningKeys.generate("2026-12");
    private static final UUID USER = UUID.randomUUID();

    private static SigningKeys keys(ECKey... keys) {
        return SigningKeys.from(new JWKSet(List.of(keys)).toString(false));
    }

    private static AccessTokens tokens(SigningKeys keys, Clock clock) {
        return new AccessTokens(keys, "ai-agents-platform", Duration.ofMinutes(15), clock);
    }

    @Test
    void theFirstKeySignsAndEveryKeyIsPublishedWithoutItsPrivatePart() throws Exception {
        SigningKeys rotating = keys(NEW, OLD);
        assertThat(rotating.signing().getKeyID()).isEqualTo("2026-12");
        assertThat(rotating.publicSet().getKeys()).extracting(k -> k.getKeyID()).containsExactly("2026-12", "2026-11");
        assertThat(rotating.publicSet().getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
        assertThat(rotating.publicJson().toString()).doesNotContain(NEW.getD().toString()).doesNotContain(OLD.getD().toString());

        AccessTokens.Issued issued = tokens(rotating, Clock.systemUTC()).issue(USER, "a@msp.example", UserRole.TENANT_ADMIN,
                "acme-corp", UUID.randomUUID());
        assertThat(SignedJWT.parse(issued.token()).getHeader().getKeyID()).isEqualTo("2026-12");
        AccessTokens.Claims claims = tokens(keys(OLD, NEW), Clock.systemUTC()).verify(issued.token()).orElseThrow();
        assertThat(claims.tenantId()).isEqualTo("acme-corp");
        assertThat(claims.role()).isEqualTo(UserRole.TENANT_ADMIN);
        assertThat(claims.userId()).isEqualTo(USER);
    }

    @Test
    void aTokenOfAKeyRotatedOutOrAnotherKeyIsRefused() {
        String signedByOld = tokens(keys(OLD), Clock.systemUTC()).issue(USER, "a@msp.example", UserRole.ADMIN, null,
                UUID.randomUUID()).token();
        assertThat(tokens(keys(NEW, OLD), Clock.systemUTC()).verify(signedByOld)).as("during the overlap").isPresent();
        assertThat(tokens(keys(NEW), Clock.systemUTC()).verify(signedByOld)).as("after the old key is removed").isEmpty();
    }

    @Test
    void expiredWrongAudienceWrongIssuerAndUnsignedTokensAreRefused() throws Exception {
        Instant issuedAt = Instant.parse("2026-12-05T10:00:00Z");
        AccessTokens issuer = tokens(keys(NEW), Clock.fixed(issuedAt, ZoneOffset.UTC));
        String token = issuer.issue(USER, "a@msp.example", UserRole.VIEWER, null, UUID.randomUUID()).token();
        assertThat(issuer.verify(token)).isPresent();
        assertThat(tokens(keys(NEW), Clock.fixed(issuedAt.plus(Duration.ofMinutes(17)), ZoneOffset.UTC)).verify(token))
                .as("expired beyond the skew").isEmpty();
        assertThat(new AccessTokens(keys(NEW), "someone-else", Duration.ofMinutes(15), Clock.fixed(issuedAt, ZoneOffset.UTC))
                .verify(token)).as("another issuer").isEmpty();

        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer("ai-agents-platform").subject(USER.toString())
                .claim("email", "a@msp.example").claim("role", "admin").claim("sid", UUID.randomUUID().toString())
                .issueTime(Date.from(issuedAt)).expirationTime(Date.from(issuedAt.plusSeconds(900)))
                .jwtID(UUID.randomUUID().toString());
        SignedJWT wrongAudience = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(NEW.getKeyID()).build(),
                claims.audience("another-platform").build());
        wrongAudience.sign(new ECDSASigner(NEW));
        assertThat(issuer.verify(wrongAudience.serialize())).isEmpty();
        String unsigned = new PlainJWT(claims.audience("ai-agents-platform").build()).serialize();
        assertThat(issuer.verify(unsigned)).as("alg none").isEmpty();
        assertThat(issuer.verify("not.a.token")).isEmpty();
    }

    @Test
    void anUnusableKeySetIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> SigningKeys.from("{\"keys\": [" + NEW.toPublicJWK().toJSONString() + "]}"))
                .hasMessageContaining("no private part");
        assertThatThrownBy(() -> SigningKeys.from("{\"keys\": [" + NEW.toJSONString() + ", " + NEW.toJSONString() + "]}"))
                .hasMessageContaining("repeats kid");
        String broken = "{\"keys\": [" + NEW.toJSONString();
        assertThatThrownBy(() -> SigningKeys.from(broken)).hasMessageNotContaining(NEW.getD().toString())
                .hasMessageContaining("not a JWK set");
        assertThat(SigningKeys.from("").ephemeral()).isTrue();
    }
}
