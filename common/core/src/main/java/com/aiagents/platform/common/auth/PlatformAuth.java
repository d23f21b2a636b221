package com.aiagents.platform.common.auth;

import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/**
 * Bearer-token auth for a service: resources annotated {@code @RolesAllowed({Roles.ADMIN, ...})}
 * require {@code Authorization: Bearer <token>} of one of those roles (401 without a known token,
 * 403 with the wrong role, both JSON); {@code @Auth PlatformPrincipal} injects the caller. Where
 * the {@code service} role is admitted, {@link AllowedServices} names which services; a token in the
 * query string is refused ({@link QueryStringTokens}).
 */
public final class PlatformAuth {
    static final String PREFIX = "Bearer";
    static final String REALM = "ai-agents-platform";

    private PlatformAuth() {
    }

    /** @throws IllegalArgumentException when the token config is wrong; the message never contains a token */
    public static void register(Environment environment, AuthConfig config) {
        OAuthCredentialAuthFilter<PlatformPrincipal> filter = new OAuthCredentialAuthFilter.Builder<PlatformPrincipal>()
                .setAuthenticator(new BearerTokenAuthenticator(config))
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
}
