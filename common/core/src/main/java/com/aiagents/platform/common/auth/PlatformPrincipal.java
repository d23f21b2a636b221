package com.aiagents.platform.common.auth;

import com.aiagents.platform.api.TenantId;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who called. Inject with {@code @Auth}.
 * <ul>
 * <li>A static token (a service's own token, the break-glass {@code PLATFORM_ADMIN_TOKEN}): {@code name}
 * is the configured entry's name, {@code person} and {@code tenant} are null.</li>
 * <li>A person's access token: {@code name} is their e-mail, {@code person} who they are, and for
 * {@code tenant_admin}/{@code tenant_viewer} {@code tenant} is their tenant.</li>
 * <li>An {@code admin} impersonating a tenant ({@code X-Tenant-Id}): {@code role} is
 * {@code tenant_admin}, {@code tenant} the impersonated tenant, {@code impersonating} true, and
 * {@code name}/{@code person} still the admin, so the audit log names both.</li>
 * </ul>
 *
 * @param role   the role the request is served as (what {@code @RolesAllowed} checks)
 * @param person the person behind a user token; null for static tokens
 * @param tenant the one tenant this caller may see; null for staff and services
 */
public record PlatformPrincipal(String name, Role role, Person person, TenantId tenant, boolean impersonating)
        implements Principal {

    /** A person as their access token names them (claims {@code sub}, {@code email}, {@code sid}). */
    public record Person(UUID userId, String email, String sessionId) {
    }

    public PlatformPrincipal {
        if (role != null && role.tenantBound() && tenant == null) {
            throw new IllegalArgumentException("a " + role.value() + " caller needs its tenant");
        }
    }

    /** A static token's caller: a service or a configured staff token. */
    public PlatformPrincipal(String name, Role role) {
        this(name, role, null, null, false);
    }

    /** A person signed in with an access token. */
    public static PlatformPrincipal person(Person person, Role role, TenantId tenant) {
        return new PlatformPrincipal(person.email(), role, person, role.tenantBound() ? tenant : null, false);
    }

    @Override
    public String getName() {
        return name;
    }

    /** The calling service, for a {@code service}-role token (whose name is the service's). */
    public Optional<PlatformService> service() {
        return role == Role.SERVICE ? PlatformService.named(name) : Optional.empty();
    }

    /**
     * The tenant this caller is confined to: a tenant user's own, or the tenant an admin impersonates.
     * Empty for MSP staff and services, who may address any tenant.
     */
    public Optional<TenantId> tenantScope() {
        return Optional.ofNullable(tenant);
    }

    /** The same admin, served as a {@code tenant_admin} of {@code target} ({@code X-Tenant-Id}). */
    PlatformPrincipal impersonate(TenantId target) {
        if (role != Role.ADMIN) {
            throw new IllegalStateException("only admin may impersonate a tenant");
        }
        return new PlatformPrincipal(name, Role.TENANT_ADMIN, person, target, true);
    }

    /** The role the audit log records: the person's own ({@code admin} while impersonating). */
    public Role actorRole() {
        return impersonating ? Role.ADMIN : role;
    }

    /**
     * What the audit log adds about the caller beside its name and role: the person's user and
     * session ids and, under impersonation, the tenant impersonated. Empty for static tokens.
     */
    public Map<String, Object> auditDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        if (person != null) {
            details.put("user_id", person.userId().toString());
            details.put("session_id", person.sessionId());
        }
        if (impersonating) {
            details.put("impersonated_tenant", tenant.value());
        }
        return details;
    }
}
