package com.aiagents.platform.gateway.resources;

import com.aiagents.platform.gateway.core.BoundedBodyReader;
import com.aiagents.platform.gateway.core.WebhookDelivery;
import com.aiagents.platform.gateway.core.WebhookIntake;
import com.aiagents.platform.gateway.core.WebhookRejection;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;

/**
 * {@code POST /webhook/servicedesk?tenant_id=...} (docs/api/webhook-gateway.md). Accepts any Content-Type:
 * the body is authenticated as raw bytes and must then parse as a JSON object, whatever SDP
 * claims it is. All the work is in {@link WebhookIntake}.
 */
@Path("/webhook")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {
    private final WebhookIntake intake;
    private final BoundedBodyReader bodyReader;

    public WebhookResource(WebhookIntake intake, BoundedBodyReader bodyReader) {
        this.intake = intake;
        this.bodyReader = bodyReader;
    }

    /** The 202 body. */
    public record Accepted(@JsonProperty("status") String status, @JsonProperty("job_id") String jobId) {
    }

    @POST
    @Path("/servicedesk")
    @Consumes(MediaType.WILDCARD)
    public Response servicedesk(@Context UriInfo uri, @Context HttpHeaders headers, InputStream body) {
        WebhookDelivery delivery = new WebhookDelivery(
                uri.getQueryParameters().getOrDefault("tenant_id", List.of()),
                name -> {
                    List<String> values = headers.getRequestHeader(name);
                    return values == null ? List.of() : values;
                },
                body,
                headers.getLength());
        try {
            WebhookIntake.Enqueued enqueued = intake.accept(delivery);
            return Response.accepted(new Accepted("accepted", enqueued.jobId())).build();
        } catch (WebhookRejection rejection) {
            throw WebhookErrors.toApiException(rejection);
        }
    }

    /**
     * Benchmark baseline: reads the body like the real endpoint and answers 202 without touching
     * the tenant registry or Redis, so {@code docs/benchmarks.md} can compare the pipeline's cost
     * with the HTTP stack's. Harmless: it stores and forwards nothing.
     */
    @POST
    @Path("/noop")
    @Consumes(MediaType.WILDCARD)
    public Response noop(@Context HttpHeaders headers, InputStream body) {
        try {
            bodyReader.read(body, headers.getLength());
        } catch (WebhookRejection rejection) {
            throw WebhookErrors.toApiException(rejection);
        }
        return Response.accepted(new Accepted("accepted", null)).build();
    }
}
