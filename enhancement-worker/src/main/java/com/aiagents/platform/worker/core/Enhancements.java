package com.aiagents.platform.worker.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.worker.api.EnhancementPage;
import com.aiagents.platform.worker.api.EnhancementView;
import com.aiagents.platform.worker.db.EnhancementReadDao;
import com.aiagents.platform.worker.db.EnhancementReadDao.Position;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's enhancements for people (docs/api/enhancement-worker.md#enhancements). Each read runs
 * through {@link TenantDatabase#inTenantFor}: a tenant user (or an admin impersonating a tenant)
 * reads in its own tenant's context, so row-level security hides every other tenant's rows and
 * asking for them finds nothing (404), exactly as for a tenant that does not exist.
 */
public final class Enhancements {
    public static final int MAX_LIMIT = 200;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final TenantDatabase database;
    private final EnhancementReadDao reads;

    public Enhancements(TenantDatabase database, EnhancementReadDao reads) {
        this.database = database;
        this.reads = reads;
    }

    /** Newest first; empty when the caller may not see the tenant (a tenant user asking about another). */
    public Optional<EnhancementPage> page(PlatformPrincipal caller, TenantId tenant, String before, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("invalid_request", "limit must be 1.." + MAX_LIMIT);
        }
        Position after = before == null || before.isBlank() ? null : position(before.trim());
        return database.inVisibleTenantFor(caller, tenant, h -> {
            List<EnhancementView> rows = reads.page(h, tenant.value(), after, limit + 1);
            if (rows.size() <= limit) {
                return new EnhancementPage(tenant.value(), rows, null);
            }
            List<EnhancementView> shown = rows.subList(0, limit);
            return new EnhancementPage(tenant.value(), List.copyOf(shown), cursor(shown.get(limit - 1)));
        });
    }

    public Optional<EnhancementView> one(PlatformPrincipal caller, TenantId tenant, long id) {
        return database.inTenantFor(caller, tenant, h -> reads.find(h, tenant.value(), id));
    }

    /** The opaque {@code before} cursor that continues after {@code last}: its creation time (µs) and id. */
    static String cursor(EnhancementView last) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, last.createdAt());
        return ENCODER.encodeToString((micros + ":" + last.id()).getBytes(StandardCharsets.US_ASCII));
    }

    static Position position(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            if (parts.length == 2) {
                return new Position(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS),
                        Long.parseLong(parts[1]));
            }
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            // answered below
        }
        throw ApiException.badRequest("invalid_cursor", "before must be the next cursor of an earlier page");
    }
}
