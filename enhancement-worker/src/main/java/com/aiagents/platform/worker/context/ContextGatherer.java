package com.aiagents.platform.worker.context;

import com.aiagents.platform.api.ContextSource;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.AccountScope;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.worker.semantic.KbExpansion;
import com.aiagents.platform.worker.semantic.QuantizedVector;
import com.aiagents.platform.worker.semantic.SemanticRetrieval;
import com.aiagents.platform.worker.semantic.TenantVectors;
import com.aiagents.platform.worker.semantic.VectorMatrix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * The context stage: in one transaction inside the tenant's context, the sources the tenant
 * chose. Reads nothing but the database and the tenant's vectors (no clock, no randomness), so
 * equal data and ticket give an equal {@link RetrievedContext}.
 *
 * <p>With embeddings on, similar tickets and KB articles come from hybrid retrieval: the
 * full-text candidates (whose cosine with the ticket must reach {@code minSimilarity}, so a
 * ticket that shares a word but not the problem drops out) fused by reciprocal rank with the
 * nearest neighbours of the ticket's embedding among the tenant's own vectors, the embedding first
 * moved towards the tenant's closest KB article ({@link KbExpansion}; docs/retrieval.md).
 */
public final class ContextGatherer {
    /** Candidates read per similar ticket shown, so copies of one ticket leave room to refill the list. */
    private static final int COPIES = 3;
    private final TenantDatabase database;
    private final ContextQueries queries;
    private final ContextSettings settings;
    private final TermSelector selector;
    private final int strictTerms;
    private final SemanticRetrieval semantic;
    private final KbExpansion expansion;
    /** The probe's transaction reads its own snapshot of the vectors, once per transaction. */
    private final Map<Handle, TenantVectors> snapshotVectors = Collections.synchronizedMap(new WeakHashMap<>());

    /** Full-text retrieval only. */
    public ContextGatherer(TenantDatabase database, ContextSettings settings) {
        this(database, settings, null);
    }

    /** Hybrid retrieval when {@code semantic} is given and enabled. */
    public ContextGatherer(TenantDatabase database, ContextSettings settings, SemanticRetrieval semantic) {
        this.database = database;
        this.queries = new ContextQueries(settings);
        this.settings = settings;
        this.selector = new TermSelector(settings.getMaxTerms());
        this.strictTerms = settings.getStrictTerms();
        this.semantic = semantic == null || !semantic.settings().isEnabled() ? null : semantic;
        this.expansion = this.semantic == null ? null : KbExpansion.of(semantic.settings(), semantic.embedder());
    }

    public RetrievedContext gather(TenantId tenant, TicketText ticket, List<ContextSource> sources) {
        return gather(tenant, ticket, sources, RetrievalScope.TENANT);
    }

    /**
     * The context of a ticket within {@code scope}: for an account scope the transaction is
     * restricted to the account ({@link AccountScope}) before the first query, so the database
     * itself returns only that account's tickets, articles and assets.
     */
    public RetrievedContext gather(TenantId tenant, TicketText ticket, List<ContextSource> sources,
                                   RetrievalScope scope) {
        if (sources.isEmpty() || scope.seesNothing()) {
            return RetrievedContext.empty();
        }
        // loaded (or caught up) in its own transaction, before the context's one opens
        TenantVectors vectors = wantsSemantic(sources) ? semantic.index().forTenant(tenant) : null;
        return database.inTenant(tenant, h -> {
            if (scope.accountScoped()) {
                AccountScope.restrictTo(h, scope.account());
            }
            return gather(h, tenant, ticket, sources, vectors, scope);
        });
    }

    /**
     * The same, inside a transaction the caller opened in the tenant's context. The vectors are
     * read inside it too (once per transaction), so every run in one snapshot ranks alike even
     * while an import adds rows.
     */
    public RetrievedContext gather(Handle h, TenantId tenant, TicketText ticket, List<ContextSource> sources) {
        if (sources.isEmpty()) {
            return RetrievedContext.empty();
        }
        TenantVectors vectors = wantsSemantic(sources)
                ? snapshotVectors.computeIfAbsent(h, x -> semantic.index().inTransaction(x, tenant)) : null;
        return gather(h, tenant, ticket, sources, vectors, RetrievalScope.TENANT);
    }

    private boolean wantsSemantic(List<ContextSource> sources) {
        return semantic != null && (sources.contains(ContextSource.TICKET_HISTORY) || sources.contains(ContextSource.KB));
    }

    private RetrievedContext gather(Handle h, TenantId tenant, TicketText ticket, List<ContextSource> sources,
                                    TenantVectors vectors, RetrievalScope scope) {
        SearchTerms terms = SearchTerms.of(selector.select(queries.lexemes(h, ticket)), strictTerms);
        QuantizedVector query = vectors == null || vectors.isEmpty() ? null
                : semantic.embedder().search(ticket.subject(), ticket.description());
        // the articles this transaction may use: shown in the note, or expanding the ticket's search
        Predicate<String> articleEligible = query == null || !sources.contains(ContextSource.KB) ? null
                : eligible(scope, () -> queries.visibleArticleIds(h, tenant.value()));
        // the ticket's vector moved towards its closest KB article: what both lists below are ranked by
        QuantizedVector search = articleEligible == null ? query
                : expansion.expand(query, vectors.articles(), articleEligible, ids -> queries.articleTexts(h, tenant.value(), ids));
        List<SimilarTicket> similar = !sources.contains(ContextSource.TICKET_HISTORY) ? List.of()
                : query == null ? fullTextTickets(h, tenant, ticket.ticketId(), terms)
                : hybridTickets(h, tenant, ticket.ticketId(), terms, vectors, search,
                        query, eligible(scope, () -> queries.visibleTicketIds(h, tenant.value())));
        List<KbMatch> kb = !sources.contains(ContextSource.KB) ? List.of()
                : query == null ? queries.kbArticles(h, tenant.value(), terms)
                : hybridKb(h, tenant, terms, vectors.articles(), search, query, articleEligible);
        List<AssetMatch> assets = sources.contains(ContextSource.MONITORING)
                ? queries.assets(h, tenant.value(), TicketMentions.of(ticket.fullText())) : List.of();
        return new RetrievedContext(terms.terms(), similar, kb, assets);
    }

    /** Full text's best, distinct; read again deeper only when copies took places (more candidates can rank differently). */
    private List<SimilarTicket> fullTextTickets(Handle h, TenantId tenant, String exclude, SearchTerms terms) {
        int shown = settings.getSimilarTickets();
        List<SimilarTicket> best = queries.similarTickets(h, tenant.value(), exclude, terms, shown);
        List<SimilarTicket> distinct = SimilarTicket.distinct(best, shown);
        return distinct.size() == best.size() ? best
                : SimilarTicket.distinct(queries.similarTickets(h, tenant.value(), exclude, terms, COPIES * shown), shown);
    }

    /**
     * Which vectors may be candidates. The in-memory matrix holds the whole tenant; under an account
     * scope the candidates are the ids this transaction can read, which the database (RLS) keeps
     * to the ticket's account, so another account's vectors never rank.
     */
    private static Predicate<String> eligible(RetrievalScope scope, Supplier<Set<String>> visibleIds) {
        if (!scope.accountScoped()) {
            return id -> true;
        }
        Set<String> visible = visibleIds.get();
        return visible::contains;
    }

    /**
     * {@code search}: the ticket's vector, expanded through the KB when the tenant has one
     * ({@link KbExpansion}), which finds the nearest tickets; {@code query}: the ticket's own,
     * which full-text candidates must be close to (their words are the ticket's, not the KB's).
     */
    private List<SimilarTicket> hybridTickets(Handle h, TenantId tenant, String exclude, SearchTerms terms,
                                              TenantVectors vectors, QuantizedVector search, QuantizedVector query,
                                              Predicate<String> eligible) {
        int candidates = semantic.settings().getCandidates();
        // the bars are on the model's own scale (0: unrelated, 1: the same text)
        double min = semantic.embedder().model().cosineAt(semantic.settings().getMinSimilarity());
        double textMin = semantic.embedder().model().cosineAt(semantic.settings().getFullTextMinSimilarity());
        List<SimilarTicket> fullText = queries.similarTickets(h, tenant.value(), exclude, terms, candidates);
        // the rows ranked exactly: the sign bits' nominees and the full-text candidates, read whole by id
        VectorMatrix matrix = vectors.ticketCandidates(h, tenant, search, exclude, eligible,
                fullText.stream().map(SimilarTicket::ticketId).toList());
        Map<String, Double> cosine = new HashMap<>(matrix.cosines(query, fullText.stream().map(SimilarTicket::ticketId).toList()));
        List<String> textual = new ArrayList<>();
        for (SimilarTicket t : fullText) {
            Double c = cosine.get(t.ticketId());
            if (c == null || c >= textMin) {
                textual.add(t.ticketId()); // not embedded yet: full text alone vouches for it
            }
        }
        // the min bar applies to the cosine with the search: a ticket found through a KB article is related through it
        List<VectorMatrix.Scored> hits = matrix.nearestWithFeedback(search, candidates, min, exclude,
                semantic.settings().getFeedbackWeight(), semantic.settings().getNeighbourhoodWeight(),
                semantic.settings().getNeighbourhoodSteps(), semantic.embedder().model().unrelated(), eligible);
        // what `meaning` says, and the note shows: the cosine with the ticket itself, not with the expanded search
        Map<String, Double> own = search == query ? Map.of()
                : matrix.cosines(query, hits.stream().map(VectorMatrix.Scored::id).toList());
        List<String> nearest = new ArrayList<>();
        for (VectorMatrix.Scored s : hits) {
            nearest.add(s.id());
            cosine.put(s.id(), own.getOrDefault(s.id(), s.cosine()));
        }
        List<Map.Entry<String, Double>> fused = HybridRanking.fuse(textual, nearest, semantic.settings().getSemanticWeight(),
                COPIES * settings.getSimilarTickets());
        Map<String, SimilarTicket> found = new HashMap<>();
        fullText.forEach(t -> found.put(t.ticketId(), t));
        List<String> missing = fused.stream().map(Map.Entry::getKey).filter(id -> !found.containsKey(id)).toList();
        queries.ticketsById(h, tenant.value(), missing, terms).forEach(t -> found.put(t.ticketId(), t));
        List<SimilarTicket> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : fused) {
            SimilarTicket t = found.get(e.getKey());
            if (t != null) { // a vector whose row is gone or unresolved in this transaction's view
                out.add(t.ranked(e.getValue(), cosine.getOrDefault(e.getKey(), 0.0)));
            }
        }
        return SimilarTicket.distinct(out, settings.getSimilarTickets());
    }

    /**
     * The KB articles of the ticket's problem, ranked by {@code search} (the ticket's vector moved
     * towards its closest article, as for similar tickets), so the articles whose steps the note
     * suggests are those of the problem its related tickets are about: an article further than
     * {@code kbMaxBelowBest} below the closest one is another problem's, however high its own
     * cosine (with two articles a topic, the third of three listed always was). {@code meaning}
     * stays the cosine with the ticket itself ({@code query}).
     */
    private List<KbMatch> hybridKb(Handle h, TenantId tenant, SearchTerms terms, VectorMatrix matrix,
                                   QuantizedVector search, QuantizedVector query, Predicate<String> eligible) {
        int candidates = semantic.settings().getCandidates();
        // the bars are on the model's own scale (0: unrelated, 1: the same text)
        double min = semantic.embedder().model().cosineAt(semantic.settings().getKbMinSimilarity());
        double textMin = Math.max(min, semantic.embedder().model().cosineAt(semantic.settings().getFullTextMinSimilarity()));
        List<KbMatch> fullText = queries.kbArticles(h, tenant.value(), terms, candidates);
        Map<String, Double> cosine = new HashMap<>(matrix.cosines(search, fullText.stream().map(KbMatch::articleId).toList()));
        List<VectorMatrix.Scored> scored = matrix.nearest(search, candidates, min, null, eligible);
        // the closest article that passes its bar; the gap is on the model's scale too
        double best = Math.max(scored.isEmpty() ? -1 : scored.get(0).cosine(),
                cosine.values().stream().mapToDouble(Double::doubleValue).filter(c -> c >= textMin).max().orElse(-1));
        double floor = best - semantic.settings().getKbMaxBelowBest() * (1.0 - semantic.embedder().model().unrelated());
        List<String> textual = fullText.stream().map(KbMatch::articleId)
                .filter(id -> !cosine.containsKey(id) || cosine.get(id) >= textMin && cosine.get(id) >= floor).toList();
        List<String> nearest = new ArrayList<>();
        for (VectorMatrix.Scored s : scored) {
            if (s.cosine() >= floor) {
                nearest.add(s.id());
                cosine.put(s.id(), s.cosine());
            }
        }
        List<Map.Entry<String, Double>> fused = HybridRanking.fuse(textual, nearest, semantic.settings().getSemanticWeight(),
                settings.getKbArticles());
        Map<String, KbMatch> found = new HashMap<>();
        fullText.forEach(k -> found.put(k.articleId(), k));
        List<String> missing = fused.stream().map(Map.Entry::getKey).filter(id -> !found.containsKey(id)).toList();
        queries.kbById(h, tenant.value(), missing).forEach(k -> found.put(k.articleId(), k));
        Map<String, Double> own = search == query ? cosine : matrix.cosines(query, fused.stream().map(Map.Entry::getKey).toList());
        List<KbMatch> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : fused) {
            KbMatch k = found.get(e.getKey());
            if (k != null) {
                out.add(new KbMatch(k.articleId(), k.title(), k.steps(), e.getValue(), own.getOrDefault(k.articleId(), 0.0)));
            }
        }
        return out;
    }
}
