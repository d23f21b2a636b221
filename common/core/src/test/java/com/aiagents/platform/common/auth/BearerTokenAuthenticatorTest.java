package com.aiagents.platform.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BearerTokenAuthenticatorTest {
    private final BearerTokenAuthenticator authenticator = new BearerTokenAuthenticator(new AuthConfig(List.of(
            TokenConfig.plain("first", Role.ADMIN, "admin-token-0123456789"),
            TokenConfig.plain("gates-runner", Role.SERVICE, "service-token-0123456789"))));

    @Test
    void findsTheEntryOfThePresentedToken() {
        assertThat(authenticator.authenticate("service-token-0123456789"))
                .contains(new PlatformPrincipal("gates-runner", Role.SERVICE));
        assertThat(authenticator.authenticate("admin-token-0123456789"))
                .contains(new PlatformPrincipal("first", Role.ADMIN));
    }

    @Test
    void rejectsUnknownEmptyAndNearlyRightTokens() {
        assertThat(authenticator.authenticate("admin-token-012345678")).isEmpty();
        assertThat(authenticator.authenticate("admin-token-01234567890")).isEmpty();
        assertThat(authenticator.authenticate("")).isEmpty();
        assertThat(authenticator.authenticate(null)).isEmpty();
    }

    @Test
    void authorizerComparesRoleNamesIgnoringCase() {
        RoleAuthorizer authorizer = new RoleAuthorizer();
        PlatformPrincipal operator = new PlatformPrincipal("ops", Role.OPERATOR);
        assertThat(authorizer.authorize(operator, Roles.OPERATOR, null)).isTrue();
        assertThat(authorizer.authorize(operator, "OPERATOR", null)).isTrue();
        assertThat(authorizer.authorize(operator, Roles.ADMIN, null)).isFalse();
        assertThat(authorizer.authorize(operator, null, null)).isFalse();
    }
}
