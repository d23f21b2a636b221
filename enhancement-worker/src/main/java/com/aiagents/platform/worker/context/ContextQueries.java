package com.aiagents.platform.worker.context;

import com.aiagents.platform.worker.semantic.ArticleText;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * The context stage's reads, each inside the tenant's transaction (RLS scopes them; the explicit
 * {@code tenant_id = :tenant} lets the planner use the indexes that lead with tenant_id).
 */
public final class ContextQueries {
    /** Helpdesk filler that says nothing about the problem; stemmed by PostgreSQL like the text. */
    static final String GENERIC_WORDS = "issue issues problem problems error errors please help user users ticket "
            + "unable working work need needs request hi hello thanks thank regards team still since getting get "
            + "got able also can cannot could would today yesterday morning urgent asap hours minutes";

    private final ContextSettings settings;

    public ContextQueries(ContextSettings settings) {
        this.settings = settings;
    }

    /** The lexemes of subject and description, filler removed, in lexeme order. */
    public List<Lexeme> lexemes(Handle h, TicketText ticket) {
        return h.createQuery("SELECT v.lexeme, coalesce(array_length(v.positions, 1), 1) AS occurrences, "
                        + "coalesce(v.positions[1], 0) AS first_position, coalesce('A' = ANY(v.weights), false) AS in_subject "
                        + "FROM unnest(setweight(to_tsvector('english', :subject), 'A') "
                        + "|| setweight(to_tsvector('english', :description), 'B')) v "
                        + "WHERE v.lexeme <> ALL (tsvector_to_array(to_tsvector('english', :generic))) ORDER BY v.lexeme")
                .bind("subject", ticket.subject()).bind("description", ticket.description())
                .bind("generic", GENERIC_WORDS)
                .map((rs, ctx) -> new Lexeme(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getBoolean(4)))
                .list();
    }

    /**
     * The most similar resolved tickets. Candidates come from {@code similar_ticket_candidates}
     * (V2 migration): tickets sharing the best few terms, and, only when those are fewer than k,
     * tickets sharing any term, each capped so the cost stays bounded at a million rows, ranked
     * with ts_rank. The function reads the tenant from this transaction's context, like RLS, but
     * can use the GIN index for the text match (see the migration for why). The top k are then
     * read through RLS as usual.
     */
    public List<SimilarTicket> similarTickets(Handle h, String tenantId, String excludeTicketId, SearchTerms terms) {
        return similarTickets(h, tenantId, excludeTicketId, terms, settings.getSimilarTickets());
    }

    /** The same, the best {@code k} (hybrid retrieval takes more, to fuse them). */
    public List<SimilarTicket> similarTickets(Handle h, String tenantId, String excludeTicketId, SearchTerms terms,
                                              int k) {
        if (terms.isEmpty()) {
            return List.of();
        }
        List<SimilarTicket> strict = ranked(h, tenantId, excludeTicketId, terms, 0, k);
        return strict.size() >= k ? strict
                : ranked(h, tenantId, excludeTicketId, terms, settings.getAnyCandidates(), k);
    }

    /**
     * Resolved tickets by id (the semantic candidates), read through RLS, with the search terms
     * each shares with the ticket; rank 0 (the caller ranks them). Unknown or unresolved ids are
     * left out.
     */
    /** The ids of the tickets this transaction may read (RLS: the tenant's, or one account's). */
    public Set<String> visibleTicketIds(Handle h, String tenantId) {
        return new HashSet<>(h.createQuery("SELECT ticket_id FROM ticket_history WHERE tenant_id = :tenant "
                        + "AND embedding IS NOT NULL")
                .bind("tenant", tenantId).mapTo(String.class).list());
    }

    /** The ids of the KB articles this transaction may read (RLS: the tenant's, or one account's). */
    public Set<String> visibleArticleIds(Handle h, String tenantId) {
        return new HashSet<>(h.createQuery("SELECT article_id FROM kb_articles WHERE tenant_id = :tenant "
                        + "AND embedding IS NOT NULL")
                .bind("tenant", tenantId).mapTo(String.class).list());
    }

    public List<SimilarTicket> ticketsById(Handle h, String tenantId, List<String> ids, SearchTerms terms) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return h.createQuery("SELECT t.ticket_id, t.subject, t.resolution, t.category, "
                        + "ARRAY(SELECT unnest(tsvector_to_array(t.search_vector)) INTERSECT "
                        + "SELECT unnest(CAST(:terms AS text[])) ORDER BY 1) AS matched "
                        + "FROM ticket_history t WHERE t.tenant_id = :tenant AND t.ticket_id = ANY(CAST(:ids AS text[])) "
                        + "AND coalesce(t.resolution, '') <> '' ORDER BY t.ticket_id")
                .bind("tenant", tenantId).bindArray("ids", String.class, ids)
                .bindArray("terms", String.class, terms.terms())
                .map((rs, ctx) -> {
                    List<String> matched = strings(rs.getArray("matched"));
                    return new SimilarTicket(rs.getString("ticket_id"), rs.getString("subject"),
                            rs.getString("resolution"), rs.getString("category"), matched,
                            share(matched.size(), terms.terms().size()), 0.0);
                })
                .list();
    }

    /** KB articles by id (the semantic candidates), read through RLS; rank 0. */
    public List<KbMatch> kbById(Handle h, String tenantId, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return articleTexts(h, tenantId, ids).entrySet().stream()
                .map(e -> new KbMatch(e.getKey(), e.getValue().title(), KbSteps.of(e.getValue().content()), 0.0))
                .toList();
    }

    /** The title and content of the given articles (those this transaction can read), by id in id order. */
    public SortedMap<String, ArticleText> articleTexts(Handle h, String tenantId, List<String> ids) {
        SortedMap<String, ArticleText> out = new TreeMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        h.createQuery("SELECT article_id, title, content FROM kb_articles "
                        + "WHERE tenant_id = :tenant AND article_id = ANY(CAST(:ids AS text[]))")
                .bind("tenant", tenantId).bindArray("ids", String.class, ids)
                .map((rs, ctx) -> Map.entry(rs.getString("article_id"), new ArticleText(rs.getString("title"), rs.getString("content"))))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static double share(int matched, int of) {
        return of == 0 ? 0.0 : Math.round(10_000.0 * matched / of) / 10_000.0;
    }

    private List<SimilarTicket> ranked(Handle h, String tenantId, String excludeTicketId, SearchTerms terms,
                                       int anyCandidates, int k) {
        return h.createQuery("SELECT t.ticket_id, t.subject, t.resolution, t.category, round(CAST(c.rank AS numeric), 6) AS rank, "
                        + "ARRAY(SELECT unnest(tsvector_to_array(t.search_vector)) INTERSECT "
                        + "SELECT unnest(CAST(:terms AS text[])) ORDER BY 1) AS matched "
                        + "FROM (SELECT ticket_id, rank FROM (SELECT DISTINCT ON (ticket_id) ticket_id, rank "
                        + "FROM similar_ticket_candidates(CAST(:anyq AS tsquery), CAST(:strictq AS tsquery), :strictCap, "
                        + ":anyCap, :exclude) ORDER BY ticket_id) d ORDER BY rank DESC, ticket_id LIMIT :k) c "
                        + "JOIN ticket_history t ON t.tenant_id = :tenant AND t.ticket_id = c.ticket_id "
                        + "ORDER BY c.rank DESC, t.ticket_id")
                .bind("tenant", tenantId).bind("exclude", excludeTicketId == null ? "" : excludeTicketId)
                .bind("anyq", terms.anyQuery()).bind("strictq", terms.strictQuery())
                .bind("strictCap", settings.getStrictCandidates()).bind("anyCap", anyCandidates)
                .bindArray("terms", String.class, terms.terms()).bind("k", k)
                .map((rs, ctx) -> {
                    List<String> matched = strings(rs.getArray("matched"));
                    double similarity = share(matched.size(), terms.terms().size());
                    return new SimilarTicket(rs.getString("ticket_id"), rs.getString("subject"),
                            rs.getString("resolution"), rs.getString("category"), matched, similarity,
                            rs.getBigDecimal("rank").doubleValue());
                })
                .list();
    }

    /**
     * KB articles on the ticket's topic, best first: an article must share at least two of the
     * ticket's terms (one when the ticket has only one), so a single common word ("after",
     * "server") cannot put an unrelated fix, say the print spooler's, into the note.
     */
    public List<KbMatch> kbArticles(Handle h, String tenantId, SearchTerms terms) {
        return kbArticles(h, tenantId, terms, settings.getKbArticles());
    }

    /** The same, the best {@code k}. */
    public List<KbMatch> kbArticles(Handle h, String tenantId, SearchTerms terms, int k) {
        if (terms.isEmpty()) {
            return List.of();
        }
        return h.createQuery("SELECT article_id, title, content, "
                        + "round(CAST(ts_rank(search_vector, CAST(:anyq AS tsquery)) AS numeric), 6) AS rank "
                        + "FROM kb_articles WHERE tenant_id = :tenant AND search_vector @@ CAST(:anyq AS tsquery) "
                        + "AND cardinality(ARRAY(SELECT unnest(tsvector_to_array(search_vector)) "
                        + "INTERSECT SELECT unnest(CAST(:terms AS text[])))) >= :minShared "
                        + "ORDER BY rank DESC, article_id LIMIT :k")
                .bind("tenant", tenantId).bind("anyq", terms.anyQuery()).bind("k", k)
                .bind("terms", terms.terms().toArray(String[]::new))
                .bind("minShared", Math.min(2, terms.terms().size()))
                .map((rs, ctx) -> new KbMatch(rs.getString("article_id"), rs.getString("title"),
                        KbSteps.of(rs.getString("content")), rs.getBigDecimal("rank").doubleValue()))
                .list();
    }

    /** Inventory entries the ticket names by host name (full or short), IPv4 address or service. */
    public List<AssetMatch> assets(Handle h, String tenantId, TicketMentions mentions) {
        if (mentions.names().isEmpty() && mentions.ipAddresses().isEmpty()) {
            return List.of();
        }
        return h.createQuery("SELECT asset_id, hostname, host(ip_address) AS ip, services, kind, environment, status, owner "
                        + "FROM system_inventory WHERE tenant_id = :tenant AND (lower(hostname) = ANY(CAST(:names AS text[])) "
                        + "OR split_part(lower(hostname), '.', 1) = ANY(CAST(:names AS text[])) "
                        + "OR ip_address = ANY(CAST(:ips AS inet[])) OR services && CAST(:words AS text[])) "
                        + "ORDER BY asset_id LIMIT :k")
                .bind("tenant", tenantId)
                .bindArray("names", String.class, mentions.names())
                .bindArray("ips", String.class, mentions.ipAddresses())
                .bindArray("words", String.class, mentions.words())
                .bind("k", settings.getAssets())
                .map((rs, ctx) -> new AssetMatch(rs.getString("asset_id"), rs.getString("hostname"), rs.getString("ip"),
                        strings(rs.getArray("services")), rs.getString("kind"), rs.getString("environment"),
                        rs.getString("status"), rs.getString("owner")))
                .list();
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
