package com.aiagents.platform.common.auth;

import com.aiagents.platform.common.errors.ErrorResponses;
import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** A missing or unknown bearer token → 401 JSON with {@code WWW-Authenticate: Bearer ...}. */
final class JsonUnauthorizedHandler implements UnauthorizedHandler {
    @Override
    public Response buildResponse(String prefix, String realm) {
        return unauthorized(prefix, realm);
    }

    @Override
    public RuntimeException buildException(String prefix, String realm) {
        return new NotAuthorizedException(unauthorized(prefix, realm));
    }

    static Response unauthorized(String prefix, String realm) {
        return Response.fromResponse(ErrorResponses.of(401, "unauthorized", "missing or invalid bearer token"))
                .header(HttpHeaders.WWW_AUTHENTICATE, prefix + " realm=\"" + realm + "\"")
                .build();
    }
}
