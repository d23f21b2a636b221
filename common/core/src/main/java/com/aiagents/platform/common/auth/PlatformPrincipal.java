package com.aiagents.platform.common.auth;

import java.security.Principal;
import java.util.Optional;

/** Who called: the configured name of the bearer token and its role. Inject with {@code @Auth}. */
public record PlatformPrincipal(String name, Role role) implements Principal {
    @Override
    public String getName() {
        return name;
    }

    /** The calling service, for a {@code service}-role token (whose name is the service's). */
    public Optional<PlatformService> service() {
        return role == Role.SERVICE ? PlatformService.named(name) : Optional.empty();
    }
}
