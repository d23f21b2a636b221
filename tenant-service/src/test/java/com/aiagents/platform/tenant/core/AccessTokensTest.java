package com.aiagents.platform.tenant.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.common.auth.Role;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The token tenant-service issues (what the shared verifier refuses is in PeopleTokensTest, through
 * the running service); and AUTH_SIGNING_KEYS: the first key signs, all are published with public
 * parts only, unusable sets are refused without repeating key material.
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

        AccessTokens.Issued issued = tokens(rotating, Clock.systemUTC()).issue(USER, "a@msp.example", Role.TENANT_ADMIN,
                "acme-corp", UUID.randomUUID());
        SignedJWT jwt = SignedJWT.parse(issued.token());
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("2026-12");
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.verify(new ECDSAVerifier(keys(OLD, NEW).publicSet().getKeyByKeyId("2026-12").toECKey()))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getStringClaim("tenant_id")).isEqualTo("acme-corp");
        assertThat(claims.getStringClaim("role")).isEqualTo("tenant_admin");
        assertThat(claims.getSubject()).isEqualTo(USER.toString());
        assertThat(claims.getAudience()).containsExactly(AccessTokens.AUDIENCE);

        JWTClaimsSet staff = SignedJWT.parse(tokens(rotating, Clock.systemUTC()).issue(USER, "a@msp.example", Role.OPERATOR,
                null, UUID.randomUUID()).token()).getJWTClaimsSet();
        assertThat(staff.getClaims()).doesNotContainKey("tenant_id");
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
