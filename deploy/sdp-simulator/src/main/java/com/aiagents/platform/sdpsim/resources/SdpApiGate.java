package com.aiagents.platform.sdpsim.resources;

import com.aiagents.platform.sdpsim.core.FaultInjector;
import com.aiagents.platform.sdpsim.core.FaultInjector.Fault;
import com.aiagents.platform.sdpsim.core.InstanceRegistry;
import com.aiagents.platform.sdpsim.core.SimInstance;
import com.aiagents.platform.sdpsim.errors.SdpApiError;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.Optional;

/**
 * Stands in front of every simulated SDP API call: finds the instance, adds its latency, then
 * applies its faults and checks its credentials in the order a real deployment would meet them
 * (proxy down, dead key, authentication, throttling, application errors).
 */
@SdpApi
@Priority(Priorities.AUTHENTICATION)
public final class SdpApiGate implements ContainerRequestFilter {

    private final InstanceRegistry registry;

    public SdpApiGate(InstanceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String name = request.getUriInfo().getPathParameters().getFirst("instance");
        boolean listShape = SdpResponses.isListCall(request.getMethod(), request.getUriInfo().getPath());
        Optional<SimInstance> found = registry.find(name);
        if (found.isEmpty()) {
            request.abortWith(SdpResponses.failure(SdpApiError.notFound("No ServiceDesk Plus instance '" + name + "'"),
                    listShape));
            return;
        }
        SimInstance instance = found.get();
        instance.countApiCall();
        FaultInjector faults = instance.faults();
        addLatency(faults.latencyMs());
        Fault early = faults.beforeAuthentication();
        if (early == Fault.DOWN) {
            request.abortWith(SdpResponses.down());
            return;
        }
        if (early == Fault.INVALID_KEY
                || !instance.authorizes(request.getHeaderString("authtoken"), request.getHeaderString("Authorization"))) {
            request.abortWith(SdpResponses.invalidCredentials(listShape));
            return;
        }
        Fault late = faults.afterAuthentication();
        if (late == Fault.RATE_LIMITED) {
            request.abortWith(SdpResponses.rateLimited(faults.retryAfterSeconds(), listShape));
        } else if (late == Fault.SERVER_ERROR) {
            request.abortWith(SdpResponses.serverError());
        }
    }

    /** Simulated latency: holding the request thread is the point. */
    private static void addLatency(int millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
