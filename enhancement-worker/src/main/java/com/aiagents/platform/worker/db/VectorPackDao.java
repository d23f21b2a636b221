package com.aiagents.platform.worker.db;

import com.aiagents.platform.worker.semantic.SignMatrix;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * {@code vector_packs} (V23): a tenant's ticket vectors as sign bits in a few large rows, always
 * inside the tenant's transaction (RLS scopes every statement; the explicit tenant_id lets the
 * planner use the primary key).
 */
public final class VectorPackDao {
    /** A tenant's current pack of one source: when it was built, and its chunks in order. */
    public record Pack(Instant builtAt, List<SignMatrix.Chunk> chunks) {
        public int rows() {
            return chunks.stream().mapToInt(SignMatrix.Chunk::rows).sum();
        }

        /** The stored ids' bytes, all chunks together. */
        public int idBytes() {
            return chunks.stream().mapToInt(c -> c.ids().length).sum();
        }
    }

    /** The tenant's pack of {@code source}, {@code null} when none was built (or it holds no row). */
    public Pack read(Handle h, String tenant, String source) {
        List<SignMatrix.Chunk> chunks = new ArrayList<>();
        Instant[] builtAt = {null};
        h.createQuery("SELECT built_at, row_count, ids, signs FROM vector_packs "
                        + "WHERE tenant_id = :tenant AND source = :source ORDER BY chunk")
                .bind("tenant", tenant).bind("source", source)
                .addCustomizer(EmbeddingDao.BINARY_RESULTS) // bytea in text format would arrive as hex
                .scanResultSet((supplier, ctx) -> {
                    try (ResultSet rs = supplier.get()) {
                        while (rs.next()) {
                            builtAt[0] = rs.getTimestamp(1).toInstant();
                            chunks.add(new SignMatrix.Chunk(rs.getInt(2), rs.getBytes(3), rs.getBytes(4)));
                        }
                    }
                    return null;
                });
        return chunks.isEmpty() ? null : new Pack(builtAt[0], chunks);
    }

    /** When the tenant's pack of {@code source} was built, {@code null} when there is none. */
    public Instant builtAt(Handle h, String tenant, String source) {
        return h.createQuery("SELECT max(built_at) FROM vector_packs WHERE tenant_id = :tenant AND source = :source")
                .bind("tenant", tenant).bind("source", source)
                .mapTo(Timestamp.class).findOne().map(Timestamp::toInstant).orElse(null);
    }

    /** Replaces the tenant's pack of {@code source} with {@code chunks} (none: the tenant has no row to pack). */
    public void replace(Handle h, String tenant, String source, Instant builtAt, List<SignMatrix.Chunk> chunks) {
        h.createUpdate("DELETE FROM vector_packs WHERE tenant_id = :tenant AND source = :source")
                .bind("tenant", tenant).bind("source", source).execute();
        if (chunks.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO vector_packs "
                + "(tenant_id, source, chunk, built_at, row_count, ids, signs) "
                + "VALUES (:tenant, :source, :chunk, :builtAt, :rows, :ids, :signs)");
        for (int i = 0; i < chunks.size(); i++) {
            SignMatrix.Chunk c = chunks.get(i);
            batch.bind("tenant", tenant).bind("source", source).bind("chunk", i)
                    .bind("builtAt", Timestamp.from(builtAt)).bind("rows", c.rows())
                    .bind("ids", c.ids()).bind("signs", c.signs()).add();
        }
        batch.execute();
    }
}
