package com.aiagents.platform.sdpsim.resources;

import com.aiagents.platform.sdpsim.errors.SdpApiError;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

/** SDP API failures as SDP's {@code response_status} envelope (an array on list calls). */
public final class SdpApiErrorMapper implements ExceptionMapper<SdpApiError> {

    @Context
    private UriInfo uriInfo;
    @Context
    private Request request;

    @Override
    public Response toResponse(SdpApiError error) {
        return SdpResponses.failure(error, SdpResponses.isListCall(request.getMethod(), uriInfo.getPath()));
    }
}
