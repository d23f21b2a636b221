package com.aiagents.platform.common.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.glassfish.jersey.server.ParamException;

/**
 * A query parameter that does not convert ({@code ?limit=ten} for an {@code int}) is the client's
 * mistake, so 400 naming the parameter. JAX-RS answers 404 for it, which reads as "no such
 * resource" and sends an operator looking in the wrong place. The value is not echoed.
 */
final class QueryParamExceptionMapper implements ExceptionMapper<ParamException.QueryParamException> {
    @Override
    public Response toResponse(ParamException.QueryParamException exception) {
        String name = exception.getParameterName();
        ErrorBody body = new ErrorBody(400, "invalid_request", "query parameter '" + name + "' has an invalid value",
                List.of(new FieldError(name, "is not a valid value for this parameter")));
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
