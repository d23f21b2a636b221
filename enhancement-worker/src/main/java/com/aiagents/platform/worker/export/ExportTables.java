package com.aiagents.platform.worker.export;

import java.util.List;

/**
 * What a tenant export holds (docs/api/enhancement-worker.md#export-and-import-admin-operator): the worker's own
 * tables, one line type each, in this order (an enhancement before the feedback on it). Every
 * column is listed: {@code tenant_id} (the import writes the target tenant's), the embeddings (the
 * backfill recomputes them, docs/retrieval.md), {@code posting_token} (a claim of the old queue)
 * and the generated search vectors are not. The operational cursors ({@code ticket_import_state},
 * {@code webhook_reconciliation}) belong to the old tenant's SDP and are not exported either, nor
 * {@code vector_packs} (derived from the embeddings; the backfill rebuilds them).
 */
public final class ExportTables {
    private ExportTables() {
    }

    /** How a column travels as JSON. */
    public enum Kind {
        /** a JSON string */
        TEXT,
        /** a JSON integer */
        INT,
        /** a JSON integer */
        BIGINT,
        /** ISO-8601 with offset, microseconds kept */
        TIMESTAMP,
        /** a JSON array of strings */
        TEXT_ARRAY,
        /** a JSON object */
        JSON,
        /** an IPv4/IPv6 address as text */
        INET;

        String sqlType() {
            return switch (this) {
                case TEXT -> "text";
                case INT -> "integer";
                case BIGINT -> "bigint";
                case TIMESTAMP -> "timestamptz";
                case TEXT_ARRAY -> "text[]";
                case JSON -> "jsonb";
                case INET -> "inet";
            };
        }
    }

    /** {@code required}: NOT NULL in the table (a missing or null value is refused). */
    public record Column(String name, Kind kind, boolean required) {
    }

    /**
     * @param type  the line's {@code "type"}
     * @param table the table
     * @param key   the column it is paged by on export (unique within a tenant)
     */
    public record Table(String type, String table, String key, List<Column> columns) {
        Column column(String name) {
            return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
        }
    }

    public static final String TICKET = "ticket_history";
    public static final String KB = "kb_article";
    public static final String ASSET = "inventory_asset";
    public static final String ENHANCEMENT = "enhancement";
    public static final String FEEDBACK = "feedback";

    private static Column text(String name) {
        return new Column(name, Kind.TEXT, false);
    }

    private static Column required(String name, Kind kind) {
        return new Column(name, kind, true);
    }

    private static final Column CREATED = required("created_at", Kind.TIMESTAMP);
    private static final Column UPDATED = required("updated_at", Kind.TIMESTAMP);
    private static final Column ACCOUNT = text("account");

    public static final List<Table> ALL = List.of(
            new Table(TICKET, "ticket_history", "ticket_id", List.of(required("ticket_id", Kind.TEXT),
                    required("subject", Kind.TEXT), required("description", Kind.TEXT), text("resolution"),
                    text("category"), text("priority"), text("status"), required("source", Kind.TEXT),
                    new Column("resolved_at", Kind.TIMESTAMP, false), ACCOUNT, CREATED, UPDATED)),
            new Table(KB, "kb_articles", "article_id", List.of(required("article_id", Kind.TEXT),
                    required("title", Kind.TEXT), required("content", Kind.TEXT),
                    required("tags", Kind.TEXT_ARRAY), ACCOUNT, CREATED, UPDATED)),
            new Table(ASSET, "system_inventory", "asset_id", List.of(required("asset_id", Kind.TEXT),
                    required("hostname", Kind.TEXT), new Column("ip_address", Kind.INET, false),
                    required("services", Kind.TEXT_ARRAY), text("kind"), text("environment"), text("status"),
                    text("owner"), required("details", Kind.JSON), ACCOUNT, CREATED, UPDATED)),
            // id: the source tenant's, only to link its feedback; the import assigns new ids
            new Table(ENHANCEMENT, "enhancement_history", "id", List.of(required("id", Kind.BIGINT),
                    required("ticket_id", Kind.TEXT), required("event_key", Kind.TEXT), required("job_id", Kind.TEXT),
                    required("status", Kind.TEXT), required("attempts", Kind.INT), text("synthesizer"),
                    text("model"), new Column("prompt_tokens", Kind.INT, false),
                    new Column("completion_tokens", Kind.INT, false), new Column("duration_ms", Kind.INT, false),
                    text("content_hash"), text("note_marker"), text("sdp_note_id"), text("error"),
                    text("content_fingerprint"), text("composed_prompt_sha256"), text("note_text"), ACCOUNT, CREATED, UPDATED)),
            new Table(FEEDBACK, "enhancement_feedback", "enhancement_id", List.of(
                    required("enhancement_id", Kind.BIGINT), required("vote", Kind.TEXT),
                    required("vote_id", Kind.TEXT), required("voted_at", Kind.TIMESTAMP),
                    required("changes", Kind.INT), CREATED, UPDATED)));

    public static Table byType(String type) {
        return ALL.stream().filter(t -> t.type().equals(type)).findFirst().orElse(null);
    }
}
