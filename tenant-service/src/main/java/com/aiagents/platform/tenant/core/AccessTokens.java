package com.aiagents.platform.tenant.core;

import com.aiagents.platform.common.auth.Role;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Issues people's access tokens: JWTs signed ES256 with the first of {@link SigningKeys}, header
 * {@code kid}; claims {@code iss} (auth.users.issuer), {@code aud} ({@value #AUDIENCE}), {@code sub}
 * (user id), {@code email}, {@code role}, {@code tenant_id} (tenant users only), {@code sid}
 * (session), {@code iat}, {@code exp}, {@code jti} (docs/people-and-access.md). They are verified,
 * here as in every service, by common/core's shared verifier ({@code PlatformAuth}); here it reads
 * {@link SigningKeys#publicSet()} and the sessions ({@link LiveSessions}) in-process.
 */
public final class AccessTokens {
    public static final String AUDIENCE = "ai-agents-platform";
    /** Added to a session's expiry for how long the revoked-sessions feed keeps listing it (see {@code SignIn#feedRetention}). */
    public static final int CLOCK_SKEW_SECONDS = 60;

    private final SigningKeys keys;
    private final String issuer;
    private final Duration ttl;
    private final Clock clock;

    public AccessTokens(SigningKeys keys, String issuer, Duration ttl, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.ttl = ttl;
        this.clock = clock;
    }

    public Duration ttl() {
        return ttl;
    }

    /** A signed token and when it expires. */
    public record Issued(String token, Instant expiresAt) {
    }

    public Issued issue(UUID userId, String email, Role role, String tenantId, UUID sid) {
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .subject(userId.toString())
                .claim("email", email)
                .claim("role", role.value())
                .claim("sid", sid.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString());
        if (role.tenantBound()) {
            claims.claim("tenant_id", tenantId);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keys.signing().getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(new ECDSASigner(keys.signing()));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an access token", e);
        }
        return new Issued(jwt.serialize(), expires);
    }
}
