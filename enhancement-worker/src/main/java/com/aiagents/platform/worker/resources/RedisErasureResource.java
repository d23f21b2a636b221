package com.aiagents.platform.worker.resources;

import static com.aiagents.platform.common.auth.PlatformService.PROVISIONING;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.common.audit.AuditEntry;
import com.aiagents.platform.common.audit.AuditTrail;
import com.aiagents.platform.common.auth.AllowedServices;
import com.aiagents.platform.common.auth.Roles;
import com.aiagents.platform.common.client.TenantDirectory;
import com.aiagents.platform.common.client.TenantDirectoryUnavailableException;
import com.aiagents.platform.common.client.TenantNotFoundException;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.worker.erasure.TenantRedisErasure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * The Redis part of a tenant's erasure, for provisioning-service's erasure job: refused (409) for a
 * tenant that is still accepted anywhere, so a mistaken call can never empty a live tenant's queue.
 */
@Path("/internal/v1/tenants/{tenant_id}/redis-erasure")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
@AllowedServices(PROVISIONING)
public class RedisErasureResource {
    private static final Logger LOG = LoggerFactory.getLogger(RedisErasureResource.class);

    private final TenantDirectory directory;
    private final UnifiedJedis redis;
    private final TenantRedisErasure erasure;
    private final AuditTrail audit;

    public RedisErasureResource(TenantDirectory directory, UnifiedJedis redis, TenantRedisErasure erasure, AuditTrail audit) {
        this.directory = directory;
        this.redis = redis;
        this.erasure = erasure;
        this.audit = audit;
    }

    @POST
    public TenantRedisErasure.Result erase(@PathParam("tenant_id") String tenantId) {
        TenantId tenant = TenantPaths.valid(tenantId);
        requireNotAccepted(tenant);
        // recorded before the erasure: when the audit log cannot be written, nothing is erased (503)
        // and provisioning-service's next pass tries again
        audit.record(AuditEntry.of("worker.tenant_redis_erased", tenant));
        TenantRedisErasure.Result result = erasure.erase(redis, tenant);
        LOG.info("event=tenant_redis_erased tenant_id={} keys_deleted={} entries_removed={}",
                tenant.value(), result.keysDeleted(), result.entriesRemoved());
        return result;
    }

    /** Offboarding (its grace period over, which tenant-service checks before erasing rows) or already offboarded. */
    private void requireNotAccepted(TenantId tenant) {
        try {
            TenantStatus status = directory.lookup(tenant).status();
            if (status != TenantStatus.OFFBOARDING) {
                throw ApiException.conflict("tenant_not_offboarding",
                        "only an offboarding tenant's Redis state can be erased (it is " + status.wireName() + ")");
            }
        } catch (TenantNotFoundException e) {
            // offboarded (or never existed): nothing can re-create its keys
        } catch (TenantDirectoryUnavailableException e) {
            throw ApiException.unavailable("tenant_service_unavailable", "tenant-service cannot be reached", 5);
        }
    }
}
