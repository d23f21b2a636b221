package com.aiagents.platform.sdpsim.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A {@code /sim} body that is not the JSON we expect (syntax, unknown field, wrong type). */
public final class JsonProcessingExceptionMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException e) {
        // The original message names the field; Jackson's full message would quote the body.
        return SimApiExceptionMapper.errorBody(400, "invalid-json", "request body is not valid: " + e.getOriginalMessage());
    }
}
