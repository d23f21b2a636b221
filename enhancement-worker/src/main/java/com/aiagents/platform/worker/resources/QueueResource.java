package com.aiagents.platform.worker.resources;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.audit.AuditEntry;
import com.aiagents.platform.common.audit.AuditTrail;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.worker.core.FleetActivity;
import com.aiagents.platform.worker.queue.DeadLetters;
import com.aiagents.platform.worker.queue.JobCodec;
import com.aiagents.platform.worker.queue.QueueDepths;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operator endpoints of the queue: depths (in total and per tenant), dead letters, re-queue and
 * discard. MSP staff read (viewer too); admin and operator act. A re-queue or discard is recorded in
 * the audit log before it happens and refused (503) when it cannot be ({@link AuditTrail#record}).
 */
@Path("/v1/queue")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
public class QueueResource {
    private final QueueDepths depths;
    private final DeadLetters dead;
    private final AuditTrail audit;
    private final FleetActivity fleet;

    public QueueResource(QueueDepths depths, DeadLetters dead, AuditTrail audit, FleetActivity fleet) {
        this.depths = depths;
        this.dead = dead;
        this.audit = audit;
        this.fleet = fleet;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Map<String, Object> depths() {
        QueueDepths.Snapshot s = depths.snapshot();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", s.totalQueued());
        body.put("ingress", s.ingress());
        body.put("delayed", s.delayed());
        body.put("in_flight", s.inFlight());
        body.put("dead", s.dead());
        body.put("tenants", s.perTenant());
        return body;
    }

    /** Each known tenant's queue (sorted by tenant id), a page at a time. */
    @GET
    @Path("/tenants")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Map<String, Object> tenants(@QueryParam("offset") @DefaultValue("0") int offset,
                                       @QueryParam("limit") @DefaultValue("100") int limit) {
        paging(offset, limit, 1000);
        List<String> known = depths.knownTenants();
        List<String> page = known.subList(Math.min(offset, known.size()), Math.min(known.size(), offset + limit));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", known.size());
        body.put("offset", offset);
        body.put("tenants", fleet.queues(page));
        return body;
    }

    @GET
    @Path("/dead")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Map<String, Object> listDead(@QueryParam("offset") @DefaultValue("0") int offset,
                                        @QueryParam("limit") @DefaultValue("50") int limit,
                                        @QueryParam("tenant_id") String tenantId) {
        paging(offset, limit, 500);
        TenantId tenant = tenantId == null || tenantId.isBlank() ? null : TenantPaths.valid(tenantId);
        DeadLetters.Page page = dead.page(tenant == null ? null : tenant.value(), offset, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", page.total());
        body.put("offset", offset);
        body.put("jobs", page.entries().stream().map(JobCodec::summary).toList());
        return body;
    }

    private static void paging(int offset, int limit, int maxLimit) {
        if (offset < 0 || limit < 1 || limit > maxLimit) {
            throw ApiException.badRequest("invalid_paging", "offset must be >= 0 and limit 1.." + maxLimit);
        }
    }

    @POST
    @Path("/dead/{job_id}/requeue")
    public Map<String, Object> requeueOne(@Auth PlatformPrincipal caller, @PathParam("job_id") String jobId) {
        audit.record(AuditEntry.of("worker.dead_letter_requeue_requested", null).requestedBy(caller, null)
                .with("job_id", jobId.length() <= 100 ? jobId : jobId.substring(0, 100)));
        if (!dead.requeue(jobId)) {
            throw ApiException.notFound("dead_job_not_found", "no dead job with that job_id");
        }
        return Map.of("requeued", 1, "job_id", jobId);
    }

    @POST
    @Path("/dead/requeue")
    public Map<String, Object> requeueAll(@Auth PlatformPrincipal caller, @QueryParam("tenant_id") String tenantId) {
        TenantId tenant = tenantId == null || tenantId.isBlank() ? null : TenantPaths.valid(tenantId);
        String only = tenant == null ? null : tenant.value();
        audit.record(AuditEntry.of("worker.dead_letters_requeue_requested", tenant).requestedBy(caller, null)
                .with("tenant_filter", only == null ? "all tenants" : only));
        return Map.of("requeued", dead.requeueAll(only));
    }

    @POST
    @Path("/dead/{job_id}/discard")
    public Map<String, Object> discardOne(@Auth PlatformPrincipal caller, @PathParam("job_id") String jobId) {
        audit.record(AuditEntry.of("worker.dead_letter_discard_requested", null).requestedBy(caller, null)
                .with("job_id", jobId.length() <= 100 ? jobId : jobId.substring(0, 100)));
        if (!dead.discard(jobId)) {
            throw ApiException.notFound("dead_job_not_found", "no dead job with that job_id");
        }
        return Map.of("discarded", 1, "job_id", jobId);
    }

    @POST
    @Path("/dead/discard")
    public Map<String, Object> discardAll(@Auth PlatformPrincipal caller, @QueryParam("tenant_id") String tenantId) {
        TenantId tenant = tenantId == null || tenantId.isBlank() ? null : TenantPaths.valid(tenantId);
        String only = tenant == null ? null : tenant.value();
        audit.record(AuditEntry.of("worker.dead_letters_discard_requested", tenant).requestedBy(caller, null)
                .with("tenant_filter", only == null ? "all tenants" : only));
        return Map.of("discarded", dead.discardAll(only));
    }
}
