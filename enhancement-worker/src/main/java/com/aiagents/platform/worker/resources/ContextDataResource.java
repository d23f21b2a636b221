package com.aiagents.platform.worker.resources;

import com.aiagents.platform.worker.semantic.EmbeddingWriter;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.audit.AuditEntry;
import com.aiagents.platform.common.audit.AuditTrail;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.common.client.TenantDirectory;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.worker.api.InventoryLoad;
import com.aiagents.platform.worker.api.KbArticlesLoad;
import com.aiagents.platform.worker.db.InventoryDao;
import com.aiagents.platform.worker.db.KbArticleDao;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * Bulk loading of a tenant's KB articles and inventory (JSON, validated, upserted by id). Each load
 * is recorded in the audit log before it is written, and refused (503) when it cannot be.
 */
@Path("/v1/tenants/{tenant_id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
public class ContextDataResource {
    private final TenantDirectory directory;
    private final TenantDatabase database;
    private final KbArticleDao kb;
    private final InventoryDao inventory;
    private final AuditTrail audit;

    /** null: embeddings off */
    private final EmbeddingWriter embeddings;

    public ContextDataResource(TenantDirectory directory, TenantDatabase database, KbArticleDao kb, InventoryDao inventory,
                               AuditTrail audit, EmbeddingWriter embeddings) {
        this.embeddings = embeddings;
        this.directory = directory;
        this.database = database;
        this.kb = kb;
        this.inventory = inventory;
        this.audit = audit;
    }

    @POST
    @Path("/kb-articles")
    public Map<String, Object> loadKb(@Auth PlatformPrincipal caller, @PathParam("tenant_id") String tenantId,
                                      @NotNull @Valid KbArticlesLoad body) {
        TenantId tenant = TenantPaths.existing(directory, tenantId);
        audit.record(AuditEntry.of("worker.kb_articles_load_requested", tenant).requestedBy(caller, null)
                .with("articles", body.articles().size()));
                int n = database.inTenant(tenant, h -> {
            int upserted = kb.upsert(h, body.articles());
            if (embeddings != null) {
                embeddings.articles(h, tenant, body.articles());
            }
            return upserted;
        });
        return Map.of("tenant_id", tenant.value(), "upserted", n);
    }

    @POST
    @Path("/inventory")
    public Map<String, Object> loadInventory(@Auth PlatformPrincipal caller, @PathParam("tenant_id") String tenantId,
                                             @NotNull @Valid InventoryLoad body) {
        TenantId tenant = TenantPaths.existing(directory, tenantId);
        audit.record(AuditEntry.of("worker.inventory_load_requested", tenant).requestedBy(caller, null)
                .with("assets", body.assets().size()));
        int n = database.inTenant(tenant, h -> inventory.upsert(h, body.assets()));
        return Map.of("tenant_id", tenant.value(), "upserted", n);
    }
}
