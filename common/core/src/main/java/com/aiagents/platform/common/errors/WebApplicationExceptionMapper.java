package com.aiagents.platform.common.errors;

import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Map;

/**
 * Jersey's own errors (unknown path, wrong method, unsupported media type, {@code @RolesAllowed}...)
 * → JSON with a slug for the status. Headers such as {@code Allow} and {@code WWW-Authenticate} are kept.
 */
final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        if (status < 400 || original.getEntity() instanceof ErrorBody) {
            return original; // a redirect, or a response that is already ours (e.g. the auth filter's 401)
        }
        if (status == 500) {
            return UnexpectedExceptionMapper.internalError(exception);
        }
        ErrorBody body = ErrorBody.of(status, ErrorResponses.slugFor(status), messageOf(exception, status));
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        for (Map.Entry<String, List<String>> header : original.getStringHeaders().entrySet()) {
            if (!isEntityHeader(header.getKey())) {
                header.getValue().forEach(value -> response.header(header.getKey(), value));
            }
        }
        return response.build();
    }

    /**
     * Jersey's own exceptions say only "HTTP 404 Not Found"; a 4xx thrown by our code with a message
     * of its own keeps it. A 5xx never shows its message.
     */
    private static String messageOf(WebApplicationException exception, int status) {
        if (status < 500) {
            if (exception.getResponse().getEntity() instanceof ErrorMessage dropwizard && dropwizard.getMessage() != null) {
                return dropwizard.getMessage(); // Dropwizard's *Param types explain what was wrong
            }
            String message = exception.getMessage();
            if (message != null && !message.isBlank() && !message.startsWith("HTTP ")) {
                return message;
            }
        }
        return ErrorResponses.messageFor(status);
    }

    private static boolean isEntityHeader(String name) {
        return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) || HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name);
    }
}
