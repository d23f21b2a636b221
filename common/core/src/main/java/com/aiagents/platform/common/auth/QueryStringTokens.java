package com.aiagents.platform.common.auth;

import com.aiagents.platform.common.errors.ErrorResponses;
import com.aiagents.platform.common.requestlog.RequestLogRedaction;
import io.dropwizard.core.setup.Environment;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Locale;
import java.util.Set;

/**
 * Bearer tokens travel in the {@code Authorization} header only. A token in the query string
 * ({@code ?access_token=}, {@code ?token=}, {@code ?api_key=}) ends up in proxies' and browsers'
 * histories, so it is refused with 401 before any resource sees it, and the request log writes the
 * query string with such values redacted ({@link RequestLogRedaction}).
 */
public final class QueryStringTokens {
    static final Set<String> REFUSED = Set.of("access_token", "token", "api_key", "apikey", "authtoken");

    private QueryStringTokens() {
    }

    /** Every service calls this (through {@link PlatformAuth#register} where it has bearer auth). */
    public static void register(Environment environment) {
        RequestLogRedaction.install();
        environment.jersey().register(new Refusal());
    }

    @PreMatching
    @Priority(Priorities.AUTHENTICATION - 100)
    static final class Refusal implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            for (String name : request.getUriInfo().getQueryParameters(false).keySet()) {
                if (REFUSED.contains(name.toLowerCase(Locale.ROOT))) {
                    request.abortWith(jakarta.ws.rs.core.Response.fromResponse(ErrorResponses.of(401, "unauthorized",
                                    "a token in the query string is refused; send it as Authorization: Bearer <token>"))
                            .header(HttpHeaders.WWW_AUTHENTICATE, PlatformAuth.PREFIX + " realm=\"" + PlatformAuth.REALM + "\"")
                            .build());
                    return;
                }
            }
        }
    }
}
