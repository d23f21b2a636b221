package com.aiagents.platform.common.auth;

import io.dropwizard.auth.Authorizer;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Locale;

/** {@code @RolesAllowed("operator")} admits exactly the tokens with that role; no role implies another. */
final class RoleAuthorizer implements Authorizer<PlatformPrincipal> {
    @Override
    public boolean authorize(PlatformPrincipal principal, String role, ContainerRequestContext requestContext) {
        return role != null && principal.role().value().equals(role.trim().toLowerCase(Locale.ROOT));
    }
}
