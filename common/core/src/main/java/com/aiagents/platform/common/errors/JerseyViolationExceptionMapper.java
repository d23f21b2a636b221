package com.aiagents.platform.common.errors;

import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Dropwizard throws its own subclass of {@code ConstraintViolationException} and maps it itself;
 * Jersey picks the mapper of the closest type, so ours must name that exact type to win.
 */
final class JerseyViolationExceptionMapper implements ExceptionMapper<JerseyViolationException> {
    private final ValidationExceptionMapper delegate;

    JerseyViolationExceptionMapper(ValidationExceptionMapper delegate) {
        this.delegate = delegate;
    }

    @Override
    public Response toResponse(JerseyViolationException exception) {
        return delegate.toResponse(exception);
    }
}
