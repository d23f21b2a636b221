package com.aiagents.platform.common.auth;

import com.aiagents.platform.common.errors.ErrorBody;
import com.aiagents.platform.common.errors.ErrorResponses;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * 401 and 403 as JSON even in a service that has not registered {@code JsonErrors}: Dropwizard's
 * default mapper would otherwise replace the body with its own.
 */
final class AuthExceptionMappers {
    private AuthExceptionMappers() {
    }

    static final class Unauthorized implements ExceptionMapper<NotAuthorizedException> {
        @Override
        public Response toResponse(NotAuthorizedException exception) {
            if (exception.getResponse().getEntity() instanceof ErrorBody) {
                return exception.getResponse(); // the auth filter's own 401, or one a resource built itself
            }
            return JsonUnauthorizedHandler.unauthorized(PlatformAuth.PREFIX, PlatformAuth.REALM);
        }
    }

    /** {@code @RolesAllowed} said no; its own message ("User not authorized.") is not helpful. */
    static final class Forbidden implements ExceptionMapper<ForbiddenException> {
        @Override
        public Response toResponse(ForbiddenException exception) {
            return ErrorResponses.of(403, "forbidden", "this token's role may not call this endpoint");
        }
    }
}
