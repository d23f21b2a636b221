package com.aiagents.platform.sdpsim.resources;

import com.aiagents.platform.sdpsim.errors.SdpApiError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Locale;

/**
 * Jersey's own refusals (unknown path, wrong method or media type) in the format of the API that
 * was called: SDP's envelope under {@code /sdp/}, {@code {"code","error","message"}} elsewhere.
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    private UriInfo uriInfo;
    @Context
    private Request request;

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String path = uriInfo.getPath();
        if (path.startsWith("sdp/") || path.startsWith("/sdp/")) {
            int sdpCode = status == 404 ? SdpApiError.NOT_FOUND : SdpApiError.BAD_VALUE;
            String message = status == 404 ? "Invalid URL" : reason(status);
            return SdpResponses.failure(new SdpApiError(status, sdpCode, message, null),
                    SdpResponses.isListCall(request.getMethod(), path));
        }
        return SimApiExceptionMapper.errorBody(status, slug(status), reason(status));
    }

    private static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }

    private static String slug(int status) {
        return reason(status).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
