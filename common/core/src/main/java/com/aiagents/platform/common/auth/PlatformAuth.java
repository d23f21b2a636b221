package com.aiagents.platform.common.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer-token auth for a service: resources annotated {@code @RolesAllowed({Roles.ADMIN, ...})}
 * require {@code Authorization: Bearer <token>} of one of those roles (401 without a known token,
 * 403 with the wrong role, both JSON); {@code @Auth PlatformPrincipal} injects the caller. A token
 * is one of the configured static tokens or, when a {@link TokenIssuer} is known (or in the issuer
 * itself, {@link #registerIssuer}), a person's access token ({@link UserTokenVerifier}). {@code X-Tenant-Id} is honoured for admins only
 * ({@link TenantImpersonation}). Where the {@code service} role is admitted, {@link AllowedServices}
 * names which services; a token in the query string is refused ({@link QueryStringTokens}).
 */
public final class PlatformAuth {
    private static final Logger LOG = LoggerFactory.getLogger(PlatformAuth.class);
    static final String PREFIX = "Bearer";
    static final String REALM = "ai-agents-platform";

    private PlatformAuth() {
    }

    /**
     * Static tokens, and people's tokens only where {@code auth.users.issuerUrl} is set (a service
     * with no tenant-service URL of its own).
     *
     * @throws IllegalArgumentException when the token config is wrong; the message never contains a token
     */
    public static void register(Environment environment, AuthConfig config) {
        register(environment, config, null);
    }

    /**
     * @param issuer tenant-service as this service already calls it (its URL, this service's own
     *               token, the platform CA); {@code auth.users.issuerUrl}, when set, overrides its URL.
     *               Null: people's tokens are verified only if {@code auth.users.issuerUrl} is set.
     * @throws IllegalArgumentException when the token config is wrong; the message never contains a token
     */
    public static void register(Environment environment, AuthConfig config, TokenIssuer issuer) {
        install(environment, config, people(environment, config.getUsers(), issuer));
    }

    /**
     * For the token issuer itself (tenant-service): people's tokens are verified by the same
     * {@link UserTokenVerifier} as everywhere else, but against the keys it publishes, read in-process,
     * and its own sessions ({@code sessions}: a revoked one is refused at once, no feed is polled).
     * {@code auth.users.issuerUrl} is not used here.
     *
     * @param publishedKeys the public keys tenant-service publishes at {@code /.well-known/jwks.json}
     * @throws IllegalArgumentException when the token config is wrong; the message never contains a token
     */
    public static void registerIssuer(Environment environment, AuthConfig config, JWKSet publishedKeys,
                                      SessionStatus sessions) {
        UserTokensConfig users = config.getUsers();
        UserTokenVerifier people = null;
        if (!users.isEnabled()) {
            LOG.info("auth.users.enabled is false: only static tokens are accepted");
        } else {
            users.check();
            if (users.getIssuerUrl() != null && !users.getIssuerUrl().isBlank()) {
                LOG.warn("auth.users.issuerUrl is ignored here: the token issuer verifies people's tokens with its own keys and sessions");
            }
            people = new UserTokenVerifier(new ImmutableJWKSet<>(publishedKeys.toPublicJWKSet()), sessions, users);
            LOG.info("people's access tokens are verified in-process against this service's own {} published key(s)"
                    + " and sessions (issuer {})", publishedKeys.getKeys().size(), users.getIssuer());
        }
        install(environment, config, people);
    }

    private static void install(Environment environment, AuthConfig config, UserTokenVerifier people) {
        OAuthCredentialAuthFilter<PlatformPrincipal> filter = new OAuthCredentialAuthFilter.Builder<PlatformPrincipal>()
                .setAuthenticator(new PlatformAuthenticator(new BearerTokenAuthenticator(config), people))
                .setAuthorizer(new RoleAuthorizer())
                .setPrefix(PREFIX)
                .setRealm(REALM)
                .setUnauthorizedHandler(new JsonUnauthorizedHandler())
                .buildAuthFilter();
        JerseyEnvironment jersey = environment.jersey();
        jersey.register(new AuthDynamicFeature(filter));
        jersey.register(RolesAllowedDynamicFeature.class);
        jersey.register(new ServiceAllowList());
        jersey.register(new AuthValueFactoryProvider.Binder<>(PlatformPrincipal.class));
        jersey.register(new AuthExceptionMappers.Unauthorized());
        jersey.register(new AuthExceptionMappers.Forbidden());
        QueryStringTokens.register(environment);
    }

    private static UserTokenVerifier people(Environment environment, UserTokensConfig users, TokenIssuer issuer) {
        if (!users.isEnabled()) {
            LOG.info("auth.users.enabled is false: only static tokens are accepted");
            return null;
        }
        boolean override = users.getIssuerUrl() != null && !users.getIssuerUrl().isBlank();
        if (!override && (issuer == null || issuer.url() == null || issuer.url().isBlank())) {
            LOG.warn("no token issuer URL (auth.users.issuerUrl): people's access tokens are refused, only static tokens are accepted");
            return null;
        }
        users.check();
        TokenIssuer from = override
                ? new TokenIssuer(users.getIssuerUrl().trim(), issuer == null ? null : issuer.serviceToken(),
                issuer == null ? null : issuer.tlsCaFile())
                : issuer;
        TokenIssuerClient client = new TokenIssuerClient(from);
        RevokedSessions revoked = new RevokedSessions(client, Clock.systemUTC(),
                Duration.ofMillis(users.getRevocationPollInterval().toMilliseconds()),
                Duration.ofMillis(users.getRevocationMaxStaleness().toMilliseconds()),
                Duration.ofMillis(users.getMaxTokenLifetime().toMilliseconds() + users.getClockSkew().toMilliseconds()));
        environment.lifecycle().manage(new Managed() {
            @Override
            public void start() {
                revoked.start();
            }

            @Override
            public void stop() {
                revoked.stop();
                client.close();
            }
        });
        LOG.info("people's access tokens are verified against {} (issuer {}), revocations polled every {}",
                from.url(), users.getIssuer(), users.getRevocationPollInterval());
        return new UserTokenVerifier(UserTokenVerifier.keysOf(client, users), revoked, users);
    }
}
