package com.aiagents.platform.worker.resources;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.common.audit.AuditEntry;
import com.aiagents.platform.common.audit.AuditTrail;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.common.client.TenantDirectory;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.worker.export.TenantExport;
import com.aiagents.platform.worker.export.TenantImport;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tenant's data in the worker's tables as JSON lines, out and in
 * (docs/api/enhancement-worker.md#export-and-import-admin-operator): the export for an offboarding client or a
 * move, the import into a new tenant to restore or migrate one. Both are recorded in the audit log
 * before anything is read or written (refused, 503, when they cannot be).
 */
@Path("/v1/tenants/{tenant_id}")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
public class TenantDataResource {
    private static final Logger LOG = LoggerFactory.getLogger(TenantDataResource.class);

    private final TenantDirectory directory;
    private final TenantDatabase database;
    private final TenantExport export;
    private final TenantImport importer;
    private final AuditTrail audit;
    /** after an import commits: queue the tenant's embedding backfill (no-op when embeddings are off) */
    private final Consumer<TenantId> imported;

    public TenantDataResource(TenantDirectory directory, TenantDatabase database, TenantExport export,
                              TenantImport importer, AuditTrail audit, Consumer<TenantId> imported) {
        this.directory = directory;
        this.database = database;
        this.export = export;
        this.importer = importer;
        this.audit = audit;
        this.imported = imported;
    }

    @GET
    @Path("/export")
    @Produces(TenantExport.MEDIA_TYPE)
    public Response export(@Auth PlatformPrincipal caller, @PathParam("tenant_id") String tenantId) {
        TenantId tenant = TenantPaths.existing(directory, tenantId);
        audit.record(AuditEntry.of("worker.tenant_export_requested", tenant).requestedBy(caller, null));
        StreamingOutput body = raw -> {
            OutputStream out = new BufferedOutputStream(raw, 64 * 1024);
            try {
                Map<String, Long> counts = database.inTenantSnapshot(tenant, h -> export.write(h, tenant, out));
                out.flush();
                LOG.info("event=tenant_exported tenant_id={} rows={}", tenant.value(), counts);
            } catch (RuntimeException e) {
                // the status is sent already: the file lacks its end line, which an import refuses
                LOG.warn("event=tenant_export_failed tenant_id={} error={}", tenant.value(), e.getClass().getSimpleName());
                throw e;
            }
        };
        return Response.ok(body, TenantExport.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + tenant.value() + "-worker-export.ndjson\"")
                .build();
    }

    /**
     * Any media type reaches the method, which answers 415 itself: Jersey's own 415 comes before
     * authentication, and an unauthenticated caller must get 401 whatever it sends.
     */
    @POST
    @Path("/import")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> importData(@Auth PlatformPrincipal caller, @PathParam("tenant_id") String tenantId,
                                          @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                          @RequestBody(required = true, description = "a tenant export (JSON lines)",
                                                  content = @Content(mediaType = TenantExport.MEDIA_TYPE))
                                          InputStream body) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith(TenantExport.MEDIA_TYPE)) {
            throw new ApiException(415, "unsupported_media_type", "send the export with Content-Type: "
                    + TenantExport.MEDIA_TYPE);
        }
        TenantId tenant = TenantPaths.existing(directory, tenantId);
        if (directory.lookup(tenant).status() == TenantStatus.OFFBOARDING) {
            throw ApiException.conflict("tenant_offboarding", "the tenant is being offboarded: import into a new tenant");
        }
        audit.record(AuditEntry.of("worker.tenant_import_requested", tenant).requestedBy(caller, null));
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        TenantImport.Result result;
        try {
            result = database.inLiveTenant(tenant, h -> importer.run(h, lines));
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof java.sql.SQLException s && "P0002".equals(s.getSQLState())) {
                throw ApiException.notFound("tenant_not_found", "no tenant with that id");
            }
            throw e;
        }
        imported.accept(tenant);
        audit.recordInBackground(AuditEntry.of("worker.tenant_imported", tenant).requestedBy(caller, null)
                .with("source_tenant_id", String.valueOf(result.sourceTenant())).with("rows", result.counts()));
        LOG.info("event=tenant_imported tenant_id={} source_tenant_id={} rows={}", tenant.value(),
                result.sourceTenant(), result.counts());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("tenant_id", tenant.value());
        answer.put("source_tenant_id", result.sourceTenant());
        answer.put("imported", result.counts());
        return answer;
    }
}
