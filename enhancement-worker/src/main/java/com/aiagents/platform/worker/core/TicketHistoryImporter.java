package com.aiagents.platform.worker.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.common.client.TenantDirectory;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.sdp.SdpClient;
import com.aiagents.platform.sdp.SdpException;
import com.aiagents.platform.sdp.model.SdpListQuery;
import com.aiagents.platform.sdp.model.SdpPage;
import com.aiagents.platform.sdp.model.SdpRequest;
import com.aiagents.platform.sdp.model.SdpResolution;
import com.aiagents.platform.sdp.model.SdpSearchCriterion;
import com.aiagents.platform.sdp.model.SdpSortOrder;
import com.aiagents.platform.worker.context.TicketText;
import com.aiagents.platform.worker.db.ImportState;
import com.aiagents.platform.worker.db.ImportStateDao;
import com.aiagents.platform.worker.db.TicketHistoryDao;
import com.aiagents.platform.worker.db.TicketRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.params.SetParams;

/**
 * Backfills {@code ticket_history} with a tenant's resolved SDP requests and their resolutions
 * ({@code GET requests/{id}/resolutions}), page by page in creation order. Each page's rows and
 * the cursor move in one transaction, so an import that stops resumes at the first page it had
 * not finished. One import per tenant at a time across all workers (a Redis lease).
 */
@SuppressWarnings("deprecation")
public final class TicketHistoryImporter {
    private static final Logger LOG = LoggerFactory.getLogger(TicketHistoryImporter.class);
    private static final String LOCK_PREFIX = "enhancement_worker:import_lock:";
    private static final long LOCK_MILLIS = 120_000;

    private final TenantDirectory directory;
    private final TenantDatabase database;
    private final SdpClients sdpClients;
    private final JedisPool redis;
    private final ExecutorService executor;
    private final int pageSize;
    private final String lockOwner;
    private final ImportStateDao states = new ImportStateDao();
    private final TicketHistoryDao tickets = new TicketHistoryDao();

    public TicketHistoryImporter(TenantDirectory directory, TenantDatabase database, SdpClients sdpClients,
                                 JedisPool redis, ExecutorService executor, int pageSize, String lockOwner) {
        this.directory = directory;
        this.database = database;
        this.sdpClients = sdpClients;
        this.redis = redis;
        this.executor = executor;
        this.pageSize = pageSize;
        this.lockOwner = lockOwner;
    }

    /** Starts or resumes the import in the background; the tenant must exist. Returns its state. */
    public ImportState start(TenantId tenant, String startedBy) {
        TenantRuntimeConfig config = directory.lookup(tenant);
        Optional<ImportState> current = progress(tenant);
        if (current.isPresent() && current.get().status().equals(ImportState.RUNNING) && isLocked(tenant)) {
            return current.get();
        }
        ImportState state = database.inTenant(tenant, h -> states.start(h, startedBy));
        executor.submit(() -> run(tenant, config));
        return state;
    }

    public Optional<ImportState> progress(TenantId tenant) {
        return database.inTenant(tenant, states::find);
    }

    void run(TenantId tenant, TenantRuntimeConfig config) {
        MDC.put("tenant_id", tenant.value());
        if (!lock(tenant)) {
            LOG.info("event=ticket_import_already_running");
            MDC.clear();
            return;
        }
        try {
            SdpClient sdp = sdpClients.forTenant(config);
            boolean more = true;
            while (more) {
                ImportState state = database.inTenant(tenant, states::find).orElseThrow();
                more = importPage(tenant, sdp, state.nextStartIndex());
                refreshLock(tenant);
            }
            database.inTenant(tenant, h -> {
                states.finish(h, ImportState.COMPLETED, null);
                return null;
            });
            LOG.info("event=ticket_import_completed");
        } catch (RuntimeException e) {
            String reason = e instanceof SdpException sdp
                    ? "sdp_" + sdp.kind().name().toLowerCase(Locale.ROOT) : e.getClass().getSimpleName();
            LOG.warn("event=ticket_import_failed reason={}", reason);
            try {
                database.inTenant(tenant, h -> {
                    states.finish(h, ImportState.FAILED, reason);
                    return null;
                });
            } catch (RuntimeException ignored) {
                LOG.warn("event=ticket_import_state_not_saved");
            }
        } finally {
            unlock(tenant);
            MDC.clear();
        }
    }

    /** Imports one page; true when SDP has more. */
    private boolean importPage(TenantId tenant, SdpClient sdp, int startIndex) {
        SdpListQuery query = SdpListQuery.firstPage(pageSize).startingAt(startIndex)
                .sortedBy("created_time", SdpSortOrder.ASC)
                .where(SdpSearchCriterion.is("status.name", "Resolved", "Closed"));
        SdpPage<SdpRequest> page = sdp.listRequests(query);
        List<TicketRecord> rows = new ArrayList<>();
        int skipped = 0;
        for (SdpRequest listed : page.items()) {
            Optional<SdpResolution> resolution = sdp.getResolution(listed.id());
            if (resolution.isEmpty() || resolution.get().contentHtml() == null
                    || TicketText.plain(resolution.get().contentHtml()).isEmpty()) {
                skipped++;
                continue;
            }
            SdpRequest full = listed.descriptionHtml() != null ? listed : sdp.getRequest(listed.id());
            String description = full.descriptionHtml() != null ? full.descriptionHtml() : full.shortDescription();
            rows.add(new TicketRecord(full.id(), TicketText.plain(full.subject()),
                    TicketText.plain(description), TicketText.plain(resolution.get().contentHtml()), full.category(),
                    full.priority(), full.status(), "sdp_import",
                    full.resolvedAt() != null ? full.resolvedAt() : resolution.get().submittedAt()));
        }
        int imported = rows.size();
        int skippedRows = skipped;
        database.inTenant(tenant, h -> {
            tickets.upsert(h, rows);
            states.pageDone(h, page.nextStartIndex(), imported, skippedRows);
            return null;
        });
        return page.hasMoreRows() && !page.items().isEmpty();
    }

    private boolean lock(TenantId tenant) {
        try (Jedis jedis = redis.getResource()) {
            return "OK".equals(jedis.set(LOCK_PREFIX + tenant.value(), lockOwner, SetParams.setParams().nx().px(LOCK_MILLIS)));
        }
    }

    private boolean isLocked(TenantId tenant) {
        try (Jedis jedis = redis.getResource()) {
            return jedis.exists(LOCK_PREFIX + tenant.value());
        }
    }

    private void refreshLock(TenantId tenant) {
        try (Jedis jedis = redis.getResource()) {
            jedis.pexpire(LOCK_PREFIX + tenant.value(), LOCK_MILLIS);
        }
    }

    private void unlock(TenantId tenant) {
        try (Jedis jedis = redis.getResource()) {
            if (lockOwner.equals(jedis.get(LOCK_PREFIX + tenant.value()))) {
                jedis.del(LOCK_PREFIX + tenant.value());
            }
        }
    }
}
