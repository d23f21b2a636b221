package com.aiagents.platform.common.auth;

import java.security.Principal;

/** Who called: the configured name of the bearer token and its role. Inject with {@code @Auth}. */
public record PlatformPrincipal(String name, Role role) implements Principal {
    @Override
    public String getName() {
        return name;
    }
}
