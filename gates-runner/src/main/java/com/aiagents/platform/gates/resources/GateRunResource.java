package com.aiagents.platform.gates.resources;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.audit.AuditEntry;
import com.aiagents.platform.common.audit.AuditTrail;
import com.aiagents.platform.common.auth.AllowedServices;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.gates.api.GateRunRequest;
import com.aiagents.platform.gates.api.GateRunView;
import com.aiagents.platform.gates.core.GateFailures;
import com.aiagents.platform.gates.core.GateRun;
import com.aiagents.platform.gates.core.GateRunAudit;
import com.aiagents.platform.gates.core.GateRunner;
import com.aiagents.platform.gates.core.PeerCallException;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static com.aiagents.platform.common.auth.PlatformService.PROVISIONING;

/**
 * Run gates for a tenant and read recorded runs (docs/api/gates-runner.md). Thin: logic is in core.
 * A run is recorded in the audit log before it starts (refused, 503, when it cannot be) and its
 * result after it finished (in the background, {@link AuditTrail#recordInBackground}).
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GateRunResource {
    private final GateRunner runner;
    private final AuditTrail audit;

    public GateRunResource(GateRunner runner, AuditTrail audit) {
        this.runner = runner;
        this.audit = audit;
    }

    @POST
    @Path("/gate-runs")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SERVICE})
    @AllowedServices(PROVISIONING)
    public GateRunView run(@Auth PlatformPrincipal caller, @HeaderParam("X-Acting-For") String actingFor,
                           GateRunRequest request) {
        if (request == null) {
            throw ApiException.badRequest("invalid_request", "the body must be {\"tenant_id\": \"...\", \"gates\": [1,2,3,4]}");
        }
        TenantId tenant = tenantId(request.tenantId());
        List<Integer> gates = request.gates() == null ? runner.allGates() : request.gates();
        if (gates.isEmpty() || gates.stream().anyMatch(g -> g == null || !runner.allGates().contains(g))
                || new LinkedHashSet<>(gates).size() != gates.size()) {
            throw ApiException.badRequest("invalid_request", "gates must be distinct numbers from " + runner.allGates());
        }
        List<Integer> sorted = gates.stream().sorted().toList();
        AuditEntry requested = GateRunAudit.requested(tenant, sorted).requestedBy(caller, actingFor);
        audit.record(requested);
        try {
            GateRun run = runner.run(tenant, sorted);
            audit.recordInBackground(GateRunAudit.finished(requested, run));
            return GateRunView.of(run);
        } catch (GateRunner.TenantNotFound e) {
            throw ApiException.notFound("tenant_not_found", e.getMessage());
        } catch (GateRunner.RunInProgress e) {
            throw ApiException.conflict("gate_run_in_progress", e.getMessage());
        } catch (GateRunner.TenantSuspended e) {
            throw ApiException.conflict("tenant_suspended", e.getMessage());
        } catch (PeerCallException e) {
            throw ApiException.unavailable("tenant_service_unavailable",
                    "cannot read the tenant's configuration: " + GateFailures.describe(e), 5);
        }
    }

    /** A tenant user (or an impersonating admin) finds its own tenant's runs only: another's is 404. */
    @GET
    @Path("/gate-runs/{run_id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    public GateRunView get(@Auth PlatformPrincipal caller, @PathParam("run_id") String runId) {
        return runner.find(caller, runId).map(GateRunView::of)
                .orElseThrow(() -> ApiException.notFound("gate_run_not_found", "no gate run " + runId));
    }

    /** A tenant user (or an impersonating admin) lists its own tenant's runs; another tenant is 404. */
    @GET
    @Path("/tenants/{tenant_id}/gate-runs")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER})
    public Map<String, Object> recent(@Auth PlatformPrincipal caller, @PathParam("tenant_id") String tenantId,
                                      @QueryParam("limit") @DefaultValue("20") int limit) {
        if (limit < 1 || limit > 200) {
            throw ApiException.badRequest("invalid_request", "limit must be 1..200");
        }
        TenantId tenant = tenantId(tenantId);
        List<GateRun> runs = runner.recent(caller, tenant, limit)
                .orElseThrow(() -> ApiException.notFound("tenant_not_found", "no tenant " + tenant.value()));
        return Map.of("tenant_id", tenant.value(), "runs", runs.stream().map(GateRunView::of).toList());
    }

    private static TenantId tenantId(String value) {
        String problem = TenantId.problemWith(value);
        if (problem != null) {
            throw ApiException.badRequest("invalid_tenant_id", problem);
        }
        return TenantId.of(value);
    }
}
