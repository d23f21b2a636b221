package com.aiagents.platform.gateway.resources;

import com.aiagents.platform.gateway.core.WebhookRejection;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a pipeline rejection into the JSON error answer, with Retry-After where it applies. */
final class WebhookErrors {
    private WebhookErrors() {
    }

    // TEMPORARY until common-core's ApiException lands on main.
    static RuntimeException toException(WebhookRejection rejection) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", rejection.outcome().httpStatus());
        body.put("error", rejection.error());
        body.put("message", rejection.getMessage());
        Response.ResponseBuilder response = Response.status(rejection.outcome().httpStatus())
                .type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        if (rejection.retryAfterSeconds() > 0) {
            response.header("Retry-After", rejection.retryAfterSeconds());
        }
        return new WebApplicationException(response.build());
    }
}
