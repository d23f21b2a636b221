package com.aiagents.platform.sdpsim.resources;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A bug: logged with an id, answered as JSON without a stack trace. */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        String id = UUID.randomUUID().toString();
        LOG.error("unexpected_error error_id={}", id, e);
        return SimApiExceptionMapper.errorBody(500, "internal-error", "unexpected error, logged as " + id);
    }
}
