package com.aiagents.platform.tenant.core;

import com.aiagents.platform.common.auth.PlatformPrincipal;
import java.util.Optional;
import java.util.UUID;

/**
 * Who calls the people endpoints: a signed-in person (from a verified access token whose session is
 * live) or a configured bearer token of a person's role ({@code PLATFORM_ADMIN_TOKEN}, the
 * break-glass admin). {@code userId}, {@code sid} and {@code email} are null for a token;
 * {@code tenantId} is set exactly for tenant roles.
 */
public record Caller(String name, UserRole role, UUID userId, String email, String tenantId, UUID sid) {

    public static Caller person(AccessTokens.Claims claims) {
        return new Caller(claims.email(), claims.role(), claims.userId(), claims.email(), claims.tenantId(), claims.sid());
    }

    /** A configured token; empty for a service token, which is no person. */
    public static Optional<Caller> token(PlatformPrincipal principal) {
        UserRole role = switch (principal.role()) {
            case ADMIN -> UserRole.ADMIN;
            case OPERATOR -> UserRole.OPERATOR;
            case VIEWER -> UserRole.VIEWER;
            // a static token never carries a tenant role; a person's token or an admin's X-Tenant-Id
            // impersonation does, and is no configured token: the people endpoints check those themselves
            case SERVICE, TENANT_ADMIN, TENANT_VIEWER -> null;
        };
        return role == null ? Optional.empty() : Optional.of(new Caller(principal.name(), role, null, null, null, null));
    }

    public boolean isPerson() {
        return userId != null;
    }

    /** How the audit log names this caller: a person by e-mail (and, in the details, by id), a token by its name. */
    public String auditName() {
        return name;
    }

}
