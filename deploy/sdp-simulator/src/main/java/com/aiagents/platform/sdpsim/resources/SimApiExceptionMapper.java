package com.aiagents.platform.sdpsim.resources;

import com.aiagents.platform.sdpsim.api.ErrorBody;
import com.aiagents.platform.sdpsim.errors.SimApiException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** {@code /sim} API refusals as {@code {"code", "error", "message"}}. */
public final class SimApiExceptionMapper implements ExceptionMapper<SimApiException> {

    @Override
    public Response toResponse(SimApiException e) {
        return errorBody(e.status(), e.error(), e.getMessage());
    }

    static Response errorBody(int status, String error, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(status, error, message)).build();
    }
}
