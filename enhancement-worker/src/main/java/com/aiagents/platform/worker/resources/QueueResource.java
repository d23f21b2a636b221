package com.aiagents.platform.worker.resources;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.audit.AuditEntry;
import com.aiagents.platform.common.audit.AuditTrail;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.common.errors.ApiException;
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
import java.util.Map;

/**
 * Operator endpoints of the queue: depths, dead letters, re-queue. A re-queue is recorded in the
 * audit log before it happens and refused (503) when it cannot be ({@link AuditTrail#record}).
 */
@Path("/v1/queue")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
public class QueueResource {
    private final QueueDepths depths;
    private final DeadLetters dead;
    private final AuditTrail audit;

    public QueueResource(QueueDepths depths, DeadLetters dead, AuditTrail audit) {
        this.depths = depths;
        this.dead = dead;
        this.audit = audit;
    }

    @GET
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

    @GET
    @Path("/dead")
    public Map<String, Object> listDead(@QueryParam("offset") @DefaultValue("0") int offset,
                                        @QueryParam("limit") @DefaultValue("50") int limit) {
        if (offset < 0 || limit < 1 || limit > 500) {
            throw ApiException.badRequest("invalid_paging", "offset must be >= 0 and limit 1..500");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", dead.size());
        body.put("offset", offset);
        body.put("jobs", dead.list(offset, limit).stream().map(JobCodec::readTree).toList());
        return body;
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
}
