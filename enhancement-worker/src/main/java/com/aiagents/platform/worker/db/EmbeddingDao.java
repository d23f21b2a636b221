package com.aiagents.platform.worker.db;

import com.aiagents.platform.worker.semantic.QuantizedVector;
import com.aiagents.platform.worker.semantic.StoredRows;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.PGStatement;

/**
 * The {@code embedding} columns of ticket_history and kb_articles (V13), always inside the tenant's
 * transaction: RLS scopes every statement, the explicit {@code tenant_id = :tenant} lets the
 * planner use the indexes that lead with it.
 */
public final class EmbeddingDao {
    /** One of the two embedded sources: its table, id column and the text columns embedded. */
    public enum Source {
        TICKETS("ticket_history", "ticket_id", "subject", "description", "coalesce(resolution, '') <> ''"),
        KB("kb_articles", "article_id", "title", "content", "true");

        final String table;
        final String id;
        final String first;
        final String second;
        /** Which rows retrieval may return: resolved tickets only; every article. */
        final String searchable;

        Source(String table, String id, String first, String second, String searchable) {
            this.table = table;
            this.id = id;
            this.first = first;
            this.second = second;
            this.searchable = searchable;
        }
    }

    /** A row to embed: its id and the two text columns. */
    public record Pending(String id, String first, String second) {
    }

    /** A changed row seen by a catch-up: its vector, and whether retrieval may return it. */
    public record Changed(String id, QuantizedVector vector, boolean searchable) {
    }

    /** The transaction's time: what a load or catch-up saw everything up to. */
    public Instant now(Handle h) {
        return h.createQuery("SELECT now()").mapTo(java.sql.Timestamp.class).one().toInstant();
    }

    /**
     * Every searchable embedded row of the tenant into {@code into}, streamed: a server-side cursor
     * (the tenant's transaction is open, so {@code fetchSize} is honoured) read {@value #LOAD_FETCH}
     * rows at a time in PostgreSQL's binary format, each embedding copied straight into the matrix.
     * In text format every 388-byte embedding would arrive as 778 hex characters to decode.
     */
    public void load(Handle h, String tenant, Source source, StoredRows into) {
        h.createQuery("SELECT " + source.id + ", embedding FROM " + source.table
                        + " WHERE tenant_id = :tenant AND embedding IS NOT NULL AND " + source.searchable)
                .bind("tenant", tenant)
                .setFetchSize(LOAD_FETCH)
                .addCustomizer(BINARY_RESULTS)
                .scanResultSet((supplier, ctx) -> copy(supplier.get(), into));
    }

    /** Each row's id (column 1) and stored embedding (column 2) into {@code into}, no object per row. */
    private static Void copy(ResultSet rows, StoredRows into) throws SQLException {
        try (ResultSet rs = rows) {
            while (rs.next()) {
                into.putStored(rs.getString(1), rs.getBytes(2));
            }
        }
        return null;
    }

    /**
     * The stored embeddings of the given rows that retrieval may return (embedded, searchable, and
     * visible in this transaction: RLS, and an MSP ticket's account scope), into {@code into}: the
     * rescoring of the candidates the sign bits nominated, in one query.
     */
    public void byIds(Handle h, String tenant, Source source, java.util.Collection<String> ids, StoredRows into) {
        if (ids.isEmpty()) {
            return;
        }
        h.createQuery("SELECT " + source.id + ", embedding FROM " + source.table
                        + " WHERE tenant_id = :tenant AND " + source.id + " = ANY(:ids) AND embedding IS NOT NULL AND "
                        + source.searchable)
                .bind("tenant", tenant)
                .bindArray("ids", String.class, ids)
                .addCustomizer(BINARY_RESULTS)
                .scanResultSet((supplier, ctx) -> copy(supplier.get(), into));
    }

    /** How many embedded rows changed after {@code since} (what a load would catch up with after a pack). */
    public int changedCount(Handle h, String tenant, Source source, Instant since) {
        return h.createQuery("SELECT count(*) FROM " + source.table
                        + " WHERE tenant_id = :tenant AND embedding IS NOT NULL AND embedded_at > :since")
                .bind("tenant", tenant).bind("since", java.sql.Timestamp.from(since)).mapTo(Integer.class).one();
    }

    /** Rows per round trip of a load's cursor (about 2 MB of embeddings). */
    static final int LOAD_FETCH = 5_000;

    /**
     * Asks PgJDBC for binary results from the first execution (a negative prepare threshold);
     * by default only a statement prepared on the server, after five executions, gets them.
     */
    static final StatementCustomizer BINARY_RESULTS = new StatementCustomizer() {
        @Override
        public void beforeExecution(PreparedStatement stmt, StatementContext ctx) throws SQLException {
            if (stmt.isWrapperFor(PGStatement.class)) {
                stmt.unwrap(PGStatement.class).setPrepareThreshold(-1);
            }
        }
    };

    /** Rows whose embedding or searchability changed after {@code since}. */
    public List<Changed> changedSince(Handle h, String tenant, Source source, Instant since) {
        return h.createQuery("SELECT " + source.id + ", embedding, " + source.searchable + " FROM " + source.table
                        + " WHERE tenant_id = :tenant AND embedding IS NOT NULL AND embedded_at > :since")
                .bind("tenant", tenant).bind("since", java.sql.Timestamp.from(since))
                .map((rs, ctx) -> new Changed(rs.getString(1), QuantizedVector.fromBytes(rs.getBytes(2)), rs.getBoolean(3)))
                .list();
    }

    /**
     * Up to {@code limit} rows still without an embedding, in id order, locked for this
     * transaction; rows another worker has locked are skipped, so replicas share the work.
     */
    public List<Pending> unembedded(Handle h, String tenant, Source source, int limit) {
        return h.createQuery("SELECT " + source.id + ", " + source.first + ", " + source.second + " FROM " + source.table
                        + " WHERE tenant_id = :tenant AND embedding IS NULL ORDER BY " + source.id
                        + " LIMIT :limit FOR UPDATE SKIP LOCKED")
                .bind("tenant", tenant).bind("limit", limit)
                .map((rs, ctx) -> new Pending(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    /**
     * Stores the embeddings of rows whose text is still the text embedded ({@code texts}: id to
     * the two columns), so a row rewritten meanwhile keeps no stale vector.
     */
    public int store(Handle h, Source source, Map<String, Pending> texts, Map<String, QuantizedVector> vectors) {
        if (vectors.isEmpty()) {
            return 0;
        }
        PreparedBatch batch = h.prepareBatch("UPDATE " + source.table + " SET embedding = :embedding, embedded_at = now() "
                + "WHERE tenant_id = current_setting('app.current_tenant_id', true) AND " + source.id + " = :id AND "
                + source.first + " = :first AND " + source.second + " = :second");
        vectors.forEach((id, v) -> {
            Pending p = texts.get(id);
            batch.bind("embedding", v.toBytes()).bind("id", id).bind("first", p.first()).bind("second", p.second()).add();
        });
        int total = 0;
        for (int n : batch.execute()) {
            total += n;
        }
        return total;
    }

    /**
     * Whether any ticket or article of the tenant still waits for an embedding: one round trip,
     * each side stopping at its first row (the partial indexes of the rows without one).
     */
    public boolean anyUnembedded(Handle h, String tenant) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM " + Source.TICKETS.table + " WHERE tenant_id = :tenant AND embedding IS NULL) "
                        + "OR EXISTS (SELECT 1 FROM " + Source.KB.table + " WHERE tenant_id = :tenant AND embedding IS NULL)")
                .bind("tenant", tenant).mapTo(Boolean.class).one();
    }
}
