package com.aiagents.platform.common.auth;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.errors.ErrorResponses;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * {@code X-Tenant-Id: <tenant_id>}: an {@code admin} (a person's admin token or the break-glass
 * admin token) asks to be served exactly as a {@code tenant_admin} of that tenant. The request's
 * principal becomes that tenant admin, still naming the admin ({@link PlatformPrincipal#impersonating()}),
 * before {@code @RolesAllowed} looks at it: staff-only endpoints are then 403 and tenant-scoped
 * ones see that tenant only. From anyone else the header is refused with 403, not ignored.
 */
@Priority(Priorities.AUTHENTICATION + 500)
final class TenantImpersonation implements ContainerRequestFilter {
    static final String HEADER = "X-Tenant-Id";
    private final RoleAuthorizer roles = new RoleAuthorizer();

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HEADER);
        if (header == null) {
            return;
        }
        SecurityContext original = request.getSecurityContext();
        if (!(original.getUserPrincipal() instanceof PlatformPrincipal caller)) {
            return; // no caller: the auth filter has already answered 401
        }
        if (caller.role() != Role.ADMIN) {
            request.abortWith(ErrorResponses.of(403, "impersonation_forbidden",
                    HEADER + " is honoured only for the admin role"));
            return;
        }
        String problem = TenantId.problemWith(header.trim());
        if (problem != null) {
            request.abortWith(ErrorResponses.of(400, "invalid_tenant_id", HEADER + ": " + problem));
            return;
        }
        PlatformPrincipal impersonated = caller.impersonate(TenantId.of(header.trim()));
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return impersonated;
            }

            @Override
            public boolean isUserInRole(String role) {
                return roles.authorize(impersonated, role, request);
            }

            @Override
            public boolean isSecure() {
                return original.isSecure();
            }

            @Override
            public String getAuthenticationScheme() {
                return original.getAuthenticationScheme();
            }
        });
    }
}
