package com.aiagents.platform.common.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.glassfish.jersey.server.internal.LocalizationMessages;

/**
 * Dropwizard maps {@link IllegalStateException} itself, which would beat our catch-all. Jersey throws
 * one when {@code @FormParam} meets a body that is not a form: that is the client's 415.
 */
final class IllegalStateExceptionMapper implements ExceptionMapper<IllegalStateException> {
    @Override
    public Response toResponse(IllegalStateException exception) {
        if (LocalizationMessages.FORM_PARAM_CONTENT_TYPE_ERROR().equals(exception.getMessage())) {
            return ErrorResponses.of(ErrorResponses.bodyFor(415));
        }
        return UnexpectedExceptionMapper.internalError(exception);
    }
}
