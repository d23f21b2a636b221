package com.aiagents.platform.worker.context;

import com.aiagents.platform.api.ContextSource;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.TenantDatabase;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The context stage: in one transaction inside the tenant's context, the sources the tenant
 * chose. Reads nothing but the database (no clock, no randomness), so equal data and ticket give
 * an equal {@link RetrievedContext}.
 */
public final class ContextGatherer {
    private final TenantDatabase database;
    private final ContextQueries queries;
    private final TermSelector selector;
    private final int strictTerms;

    public ContextGatherer(TenantDatabase database, ContextSettings settings) {
        this.database = database;
        this.queries = new ContextQueries(settings);
        this.selector = new TermSelector(settings.getMaxTerms());
        this.strictTerms = settings.getStrictTerms();
    }

    public RetrievedContext gather(TenantId tenant, TicketText ticket, List<ContextSource> sources) {
        if (sources.isEmpty()) {
            return RetrievedContext.empty();
        }
        return database.inTenant(tenant, h -> gather(h, tenant, ticket, sources));
    }

    /** The same, inside a transaction the caller opened in the tenant's context. */
    public RetrievedContext gather(Handle h, TenantId tenant, TicketText ticket, List<ContextSource> sources) {
        if (sources.isEmpty()) {
            return RetrievedContext.empty();
        }
        SearchTerms terms = SearchTerms.of(selector.select(queries.lexemes(h, ticket)), strictTerms);
        List<SimilarTicket> similar = sources.contains(ContextSource.TICKET_HISTORY)
                ? queries.similarTickets(h, tenant.value(), ticket.ticketId(), terms) : List.of();
        List<KbMatch> kb = sources.contains(ContextSource.KB)
                ? queries.kbArticles(h, tenant.value(), terms) : List.of();
        List<AssetMatch> assets = sources.contains(ContextSource.MONITORING)
                ? queries.assets(h, tenant.value(), TicketMentions.of(ticket.fullText())) : List.of();
        return new RetrievedContext(terms.terms(), similar, kb, assets);
    }
}
