package com.aiagents.platform.worker.resources;

import com.aiagents.platform.common.auth.AllowedServices;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.common.client.TenantDirectory;
import com.aiagents.platform.worker.api.ProbeRequest;
import com.aiagents.platform.worker.api.ProbeResult;
import com.aiagents.platform.worker.core.DeterminismProbe;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import static com.aiagents.platform.common.auth.PlatformService.GATES;

/** Gate 2's determinism probe (service role only). */
@Path("/internal/v1/determinism-probe")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
@AllowedServices(GATES)
public class DeterminismProbeResource {
    private final TenantDirectory directory;
    private final DeterminismProbe probe;

    public DeterminismProbeResource(TenantDirectory directory, DeterminismProbe probe) {
        this.directory = directory;
        this.probe = probe;
    }

    @POST
    public ProbeResult run(@NotNull @Valid ProbeRequest request) {
        return probe.run(TenantPaths.existing(directory, request.tenantId()), request.runsOrDefault(), request.seedOrDefault());
    }
}
