package com.aiagents.platform.worker.core;

import com.aiagents.platform.worker.semantic.EmbeddingWriter;

import com.aiagents.platform.api.ServicedeskEdition;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.common.audit.AuditEntry;
import com.aiagents.platform.common.audit.AuditTrail;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import redis.clients.jedis.UnifiedJedis;

/**
 * Backfills {@code ticket_history} with a tenant's resolved SDP requests and their resolutions
 * ({@code GET requests/{id}/resolutions}), page by page in creation order. Each page's rows and
 * the cursor move in one transaction, so an import that stops resumes at the first page it had
 * not finished. One import per tenant at a time across all workers (a Redis lease, renewed at
 * each page; an import that lost it commits nothing more). How each import ended is recorded in
 * the audit log in the background ({@code worker.ticket_history_import_finished}).
 */
public final class TicketHistoryImporter {
    private static final Logger LOG = LoggerFactory.getLogger(TicketHistoryImporter.class);
    private static final Duration LOCK_LEASE = Duration.ofMinutes(2);

    private final TenantDirectory directory;
    private final TenantDatabase database;
    private final SdpClients sdpClients;
    private final TenantRunLock lock;
    private final ExecutorService executor;
    private final int pageSize;
    private final ImportStateDao states = new ImportStateDao();
    private final TicketHistoryDao tickets = new TicketHistoryDao();
    private final AuditTrail audit;
    /** null: embeddings off */
    private final EmbeddingWriter embeddings;

    public TicketHistoryImporter(TenantDirectory directory, TenantDatabase database, SdpClients sdpClients,
                                 UnifiedJedis redis, ExecutorService executor, int pageSize, String lockOwner,
                                 AuditTrail audit, EmbeddingWriter embeddings) {
        this.audit = audit;
        this.embeddings = embeddings;
        this.directory = directory;
        this.database = database;
        this.sdpClients = sdpClients;
        this.lock = new TenantRunLock(redis, TenantRunLock.IMPORT_PREFIX, lockOwner, LOCK_LEASE);
        this.executor = executor;
        this.pageSize = pageSize;
    }

    /** Starts or resumes the import in the background; the tenant must exist. Returns its state. */
    public ImportState start(TenantId tenant, String startedBy) {
        TenantRuntimeConfig config = directory.lookup(tenant);
        Optional<ImportState> current = progress(tenant);
        if (current.isPresent() && current.get().status().equals(ImportState.RUNNING) && lock.isTaken(tenant)) {
            return current.get();
        }
        ImportState state = database.inTenant(tenant, h -> states.start(h, startedBy));
        executor.submit(() -> run(tenant, config));
        return state;
    }

    public Optional<ImportState> progress(TenantId tenant) {
        return database.inTenant(tenant, states::find);
    }

    /** {@link #progress(TenantId)} for a request: a tenant user sees only its own tenant's import. */
    public Optional<ImportState> progress(PlatformPrincipal caller, TenantId tenant) {
        return database.inTenantFor(caller, tenant, h -> states.find(h, tenant.value()));
    }

    void run(TenantId tenant, TenantRuntimeConfig config) {
        MDC.put("tenant_id", tenant.value());
        if (!lock.acquire(tenant)) {
            LOG.info("event=ticket_import_already_running");
            MDC.clear();
            return;
        }
        try {
            SdpClient sdp = sdpClients.forTenant(config);
            PageOutcome outcome = PageOutcome.MORE;
            while (outcome == PageOutcome.MORE) {
                ImportState state = database.inTenant(tenant, states::find).orElseThrow();
                outcome = importPage(tenant, sdp, state.nextStartIndex(), coveredAccounts(config));
            }
            if (outcome == PageOutcome.LOCK_LOST) {
                // Our lease ran out during a slow page and another import took over: the state is its own now.
                LOG.warn("event=ticket_import_lock_lost");
                return;
            }
            database.inTenant(tenant, h -> {
                states.finish(h, ImportState.COMPLETED, null);
                return null;
            });
            LOG.info("event=ticket_import_completed");
            auditFinished(tenant);
        } catch (RuntimeException e) {
            String reason = e instanceof SdpException sdp
                    ? "sdp_" + sdp.kind().name().toLowerCase(Locale.ROOT) : e.getClass().getSimpleName();
            LOG.warn("event=ticket_import_failed reason={}", reason);
            try {
                database.inTenant(tenant, h -> {
                    states.finish(h, ImportState.FAILED, reason);
                    return null;
                });
                auditFinished(tenant);
            } catch (RuntimeException ignored) {
                LOG.warn("event=ticket_import_state_not_saved");
            }
        } finally {
            lock.release(tenant);
            MDC.clear();
        }
    }

    /** Never throws: the import's own outcome is already saved, whatever happens to its audit entry. */
    private void auditFinished(TenantId tenant) {
        try {
            database.inTenant(tenant, states::find).ifPresent(state -> audit.recordInBackground(
                    AuditEntry.of("worker.ticket_history_import_finished", tenant)
                            .with("status", state.status()).with("imported", state.imported())
                            .with("skipped", state.skipped()).with("error", state.error())
                            .with("started_by", state.startedBy())));
        } catch (RuntimeException e) {
            LOG.error("event=audit_entry_dropped action=worker.ticket_history_import_finished problem=\"cannot read the "
                    + "import's state: {}\"", e.getClass().getSimpleName());
        }
    }

    /** MSP tenants covering named accounts: those; everyone else: empty (the whole instance). */
    private static List<String> coveredAccounts(TenantRuntimeConfig config) {
        TenantRuntimeConfig.Servicedesk sd = config.servicedesk();
        return sd == null || sd.edition() != ServicedeskEdition.MSP || sd.msp() == null ? List.of() : sd.msp().accounts();
    }

    /** How an imported page left the import. */
    private enum PageOutcome { MORE, LAST, LOCK_LOST }

    /** Imports one page, committed only while this import still holds the lock. */
    private PageOutcome importPage(TenantId tenant, SdpClient sdp, int startIndex, List<String> accounts) {
        SdpListQuery query = SdpListQuery.firstPage(pageSize).startingAt(startIndex)
                // newest first: onboarding waits for the first pages (at least the newest 500) before
                // the gates and activation, and lets a very large history finish in the background.
                // A request resolved meanwhile shifts later pages by one: re-read and upserted, not lost.
                .sortedBy("created_time", SdpSortOrder.DESC)
                .where(SdpSearchCriterion.is("status.name", "Resolved", "Closed"));
        if (!accounts.isEmpty()) {
            // an MSP tenant that covers some of the instance's accounts: SDP lists only theirs
            query = query.where(SdpSearchCriterion.is("account.name", accounts.toArray(String[]::new)));
        }
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
                    full.resolvedAt() != null ? full.resolvedAt() : resolution.get().submittedAt(),
                    full.account() != null ? full.account() : listed.account()));
        }
        int imported = rows.size();
        int skippedRows = skipped;
        if (!lock.extend(tenant)) {
            return PageOutcome.LOCK_LOST;
        }
        // a page must not land after the tenant's purge or offboarding erased its data
        database.inLiveTenant(tenant, h -> {
            tickets.upsert(h, rows);
            if (embeddings != null) {
                embeddings.tickets(h, tenant, rows); // the page and its vectors commit together
            }
            states.pageDone(h, page.nextStartIndex(), imported, skippedRows);
            return null;
        });
        return page.hasMoreRows() && !page.items().isEmpty() ? PageOutcome.MORE : PageOutcome.LAST;
    }
}
