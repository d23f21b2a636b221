package com.aiagents.platform.common.auth;

import com.aiagents.platform.api.TenantId;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies a person's access token: an ES256 JWT (no other algorithm, so neither {@code alg: none}
 * nor an HS256 token "signed" with the public key passes) whose {@code kid} is in tenant-service's
 * JWKS, with our {@code iss} and {@code aud}, not expired (within the skew), carrying every required
 * claim, and whose session is not revoked. Anything else is simply not a principal (401); why is
 * logged at DEBUG as a reason slug, never with the token or its claims.
 */
final class UserTokenVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(UserTokenVerifier.class);
    static final Set<String> REQUIRED_CLAIMS = Set.of("sub", "email", "role", "sid", "iat", "exp", "jti");

    private final ConfigurableJWTProcessor<SecurityContext> processor;
    private final SessionStatus sessions;
    private final Duration maxLifetime;

    UserTokenVerifier(JWKSource<SecurityContext> keys, SessionStatus sessions, UserTokensConfig config) {
        this.sessions = sessions;
        this.maxLifetime = Duration.ofMillis(config.getMaxTokenLifetime().toMilliseconds());
        DefaultJWTProcessor<SecurityContext> jwt = new DefaultJWTProcessor<>();
        jwt.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        jwt.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                Set.of(UserTokensConfig.AUDIENCE),
                new JWTClaimsSet.Builder().issuer(config.getIssuer()).build(),
                REQUIRED_CLAIMS, null);
        claims.setMaxClockSkew((int) config.getClockSkew().toSeconds());
        jwt.setJWTClaimsSetVerifier(claims);
        this.processor = jwt;
    }

    /** The JWKS of {@code client}, cached; an unknown {@code kid} refetches it, rate-limited. */
    static JWKSource<SecurityContext> keysOf(TokenIssuerClient client, UserTokensConfig config) {
        long ttl = config.getJwksCacheTtl().toMilliseconds();
        return JWKSourceBuilder.<SecurityContext>create(client.jwksUrl(), client)
                .cache(ttl, Math.min(5_000, ttl / 2))
                // refreshed 30 s ahead of expiry in the background, where the TTL leaves room for it
                .refreshAheadCache(ttl >= 60_000)
                .rateLimited(config.getJwksRefetchMinInterval().toMilliseconds())
                .build();
    }

    /** Whether {@code token} is shaped like a JWT at all (three dot-separated parts). */
    static boolean looksLikeJwt(String token) {
        int first = token.indexOf('.');
        return first > 0 && token.indexOf('.', first + 1) > first + 1;
    }

    Optional<PlatformPrincipal> verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (Exception e) { // ParseException, BadJOSEException, JOSEException: all a refusal
            return refused("invalid_token", e);
        }
        try {
            Role role = Role.fromValue(claims.getStringClaim("role"));
            String tenantClaim = claims.getStringClaim("tenant_id");
            if (!role.heldByPeople() || role.tenantBound() != (tenantClaim != null)) {
                return refused("role_and_tenant_disagree", null);
            }
            TenantId tenant = tenantClaim == null ? null : TenantId.of(tenantClaim);
            Date issued = claims.getIssueTime();
            if (Duration.between(issued.toInstant(), claims.getExpirationTime().toInstant()).compareTo(maxLifetime) > 0) {
                return refused("lifetime_too_long", null);
            }
            String email = claims.getStringClaim("email");
            String session = claims.getStringClaim("sid");
            if (email == null || email.isBlank() || session == null || session.isBlank()) {
                return refused("missing_claim", null);
            }
            String refusal = sessions.refusal(session);
            if (refusal != null) {
                return refused(refusal, null);
            }
            UUID user = UUID.fromString(claims.getSubject());
            return Optional.of(PlatformPrincipal.person(new PlatformPrincipal.Person(user, email, session), role, tenant));
        } catch (java.text.ParseException | IllegalArgumentException e) {
            return refused("malformed_claim", e);
        }
    }

    private static Optional<PlatformPrincipal> refused(String reason, Exception e) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("event=access_token_refused reason={}{}", reason, e == null ? "" : " kind=" + e.getClass().getSimpleName());
        }
        return Optional.empty();
    }
}
