package com.aiagents.platform.gateway.resources;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * A 413 is answered without reading the rest of the body, after which Jetty cannot reuse the
 * connection and closes it, but without saying so in the response. A client that pools
 * connections (okhttp, SDP's sender) would then write its next request into a dead socket. Saying
 * {@code Connection: close} makes it open a fresh one.
 */
public class CloseConnectionOnUnreadBodyFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 413) {
            response.getHeaders().putSingle("Connection", "close");
        }
    }
}
