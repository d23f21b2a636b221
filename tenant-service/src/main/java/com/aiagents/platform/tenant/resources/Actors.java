package com.aiagents.platform.tenant.resources;

import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.PlatformService;
import java.util.regex.Pattern;

/**
 * Who the audit log names. A service acting for an operator (provisioning-service running an
 * onboarding) says for whom in {@code X-Acting-For}; only provisioning-service may (anyone else
 * sending it is refused with 403 before the resource runs), and only a plain name is accepted, so nobody can forge another operator's identity or inject into the log.
 */
final class Actors {
    static final String ACTING_FOR = "X-Acting-For";
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9@._-]{1,64}$");

    private Actors() {
    }

    static PlatformPrincipal of(PlatformPrincipal principal, String actingFor) {
        if (principal.service().filter(PlatformService.PROVISIONING::equals).isEmpty() || actingFor == null || !NAME.matcher(actingFor).matches()) {
            return principal;
        }
        return new PlatformPrincipal(principal.name() + " (for " + actingFor + ")", principal.role());
    }
}
