package com.aiagents.platform.tenant.resources;

import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.PlatformService;
import com.aiagents.platform.common.auth.Role;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who the audit log names. A service acting for an operator (provisioning-service running an
 * onboarding) says for whom in {@code X-Acting-For}; only provisioning-service may (anyone else
 * sending it is refused with 403 before the resource runs), and only a plain name is accepted, so nobody can forge another operator's identity or inject into the log.
 */
final class Actors {
    static final String ACTING_FOR = "X-Acting-For";
    /** The named operator's role (admin, operator, viewer), as provisioning-service authenticated them. */
    static final String ACTING_FOR_ROLE = "X-Acting-For-Role";
    private static final Set<Role> PERSON_ROLES = Set.of(Role.ADMIN, Role.OPERATOR, Role.VIEWER);
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9@._-]{1,64}$");

    private Actors() {
    }

    static PlatformPrincipal of(PlatformPrincipal principal, String actingFor) {
        return of(principal, actingFor, null);
    }

    /**
     * With the operator's role too: the entry then records that role (an admin's onboarding may set
     * admin-only fields such as servicedesk_private_networks). Anything but a person's role is
     * ignored, leaving the service's own role.
     */
    static PlatformPrincipal of(PlatformPrincipal principal, String actingFor, String actingForRole) {
        PlatformPrincipal actor = named(principal, actingFor);
        if (actor == principal || actingForRole == null) {
            return actor;
        }
        try {
            Role role = Role.fromValue(actingForRole);
            return PERSON_ROLES.contains(role) ? new PlatformPrincipal(actor.name(), role) : actor;
        } catch (IllegalArgumentException e) {
            return actor;
        }
    }

    private static PlatformPrincipal named(PlatformPrincipal principal, String actingFor) {
        if (principal.service().filter(PlatformService.PROVISIONING::equals).isEmpty() || actingFor == null || !NAME.matcher(actingFor).matches()) {
            return principal;
        }
        return new PlatformPrincipal(principal.name() + " (for " + actingFor + ")", principal.role());
    }
}
