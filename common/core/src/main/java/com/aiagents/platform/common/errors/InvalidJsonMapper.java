package com.aiagents.platform.common.errors;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;

/**
 * A request body Jackson could not bind → 400 {@code invalid_json}, naming the field when Jackson
 * knows it. Jackson's own messages quote the input, so they are never passed on.
 */
final class InvalidJsonMapper implements ExceptionMapper<JsonProcessingException> {
    private static final int MAX_FIELD_NAME = 64;
    private static final int MAX_PATH = 200;

    @Override
    public Response toResponse(JsonProcessingException exception) {
        if (exception instanceof JsonGenerationException || exception instanceof InvalidDefinitionException) {
            return UnexpectedExceptionMapper.internalError(exception); // our types or our output: our bug
        }
        String field = exception instanceof JsonMappingException mapping ? pathOf(mapping) : "";
        String message = describe(exception, field);
        List<FieldError> fields = field.isEmpty() ? List.of() : List.of(new FieldError(field, message));
        return ErrorResponses.of(new ErrorBody(400, "invalid_json", message, fields));
    }

    private static String describe(JsonProcessingException exception, String field) {
        if (exception instanceof PropertyBindingException) {
            return "unknown field '" + field + "'";
        }
        if (exception instanceof JsonMappingException) {
            return field.isEmpty()
                    ? "request body does not have the expected JSON structure"
                    : "field '" + field + "' has the wrong type or format";
        }
        if (exception instanceof JsonEOFException) {
            return "request body ends in the middle of a JSON value";
        }
        JsonLocation location = exception.getLocation();
        if (location != null && location.getLineNr() > 0) {
            return "malformed JSON at line " + location.getLineNr() + ", column " + location.getColumnNr();
        }
        return "request body is not valid JSON";
    }

    /** {@code preferences.context_sources[2]}; names come from the client, so each is cut short. */
    private static String pathOf(JsonMappingException exception) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : exception.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                String name = reference.getFieldName();
                path.append(name.length() > MAX_FIELD_NAME ? name.substring(0, MAX_FIELD_NAME) + "..." : name);
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
            if (path.length() > MAX_PATH) {
                return path.substring(0, MAX_PATH) + "...";
            }
        }
        return path.toString();
    }
}
