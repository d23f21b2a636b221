package com.aiagents.platform.tenant.core;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Issues and (inside tenant-service) verifies people's access tokens: JWTs signed ES256 with the
 * first of {@link SigningKeys}, header {@code kid}; claims {@code iss} (auth.users.issuer), {@code aud}
 * ({@value #AUDIENCE}), {@code sub} (user id), {@code email}, {@code role}, {@code tenant_id} (tenant
 * users only), {@code sid} (session), {@code iat}, {@code exp}, {@code jti}
 * (docs/people-and-access.md). Verification accepts only ES256 with a published key, the issuer,
 * the audience and an unexpired token ({@value #CLOCK_SKEW_SECONDS} s of clock skew).
 */
public final class AccessTokens {
    public static final String AUDIENCE = "ai-agents-platform";
    public static final int CLOCK_SKEW_SECONDS = 60;

    private final SigningKeys keys;
    private final String issuer;
    private final Duration ttl;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> processor;

    public AccessTokens(SigningKeys keys, String issuer, Duration ttl, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.ttl = ttl;
        this.clock = clock;
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(keys.publicSet())));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(AUDIENCE,
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                new HashSet<>(Set.of("sub", "role", "sid", "iat", "exp", "jti", "email"))) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
    }

    public Duration ttl() {
        return ttl;
    }

    /** A signed token and when it expires. */
    public record Issued(String token, Instant expiresAt) {
    }

    public Issued issue(UUID userId, String email, UserRole role, String tenantId, UUID sid) {
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
        if (!role.staff()) {
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

    /** What a verified token says; the session may still have been revoked (see {@code Callers}). */
    public record Claims(UUID userId, String email, UserRole role, String tenantId, UUID sid, Instant expiresAt) {
    }

    /** Empty for anything that is not a valid, unexpired token of ours; never says why (nor logs the token). */
    public Optional<Claims> verify(String token) {
        if (token == null || token.isEmpty() || token.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        try {
            JWTClaimsSet set = processor.process(token, null);
            Optional<UserRole> role = UserRole.parse(set.getStringClaim("role"));
            String tenant = set.getStringClaim("tenant_id");
            if (role.isEmpty() || role.get().staff() != (tenant == null)) {
                return Optional.empty();
            }
            return Optional.of(new Claims(UUID.fromString(set.getSubject()), set.getStringClaim("email"), role.get(),
                    tenant, UUID.fromString(set.getStringClaim("sid")), set.getExpirationTime().toInstant()));
        } catch (ParseException | BadJOSEException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
