package com.aiagents.platform.sdpsim.resources;

import com.aiagents.platform.sdpsim.errors.OAuthRefusal;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Token endpoint refusals as Zoho sends them: {@code {"error": "invalid_code"}}, often with HTTP 200. */
public final class OAuthRefusalMapper implements ExceptionMapper<OAuthRefusal> {

    @Override
    public Response toResponse(OAuthRefusal refusal) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", refusal.error());
        body.put("error_description", refusal.getMessage());
        return Response.status(refusal.httpStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
