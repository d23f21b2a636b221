package com.aiagents.platform.common.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything nobody anticipated → 500 {@code internal_error}. The client gets only a reference;
 * the exception, with its stack trace, goes to the log under that reference.
 */
final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable exception) {
        return internalError(exception);
    }

    static Response internalError(Throwable exception) {
        return ErrorResponses.of(internalErrorBody(exception));
    }

    /** Logs the exception under a fresh reference and returns the body that names only that reference. */
    static ErrorBody internalErrorBody(Throwable exception) {
        String reference = UUID.randomUUID().toString();
        LOG.error("unexpected error; reference {}", reference, exception);
        return ErrorBody.of(500, "internal_error", "internal error; reference " + reference);
    }
}
