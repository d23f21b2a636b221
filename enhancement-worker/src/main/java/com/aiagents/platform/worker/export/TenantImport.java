package com.aiagents.platform.worker.export;

import com.aiagents.platform.common.errors.ApiException;
import com.aiagents.platform.worker.export.ExportTables.Column;
import com.aiagents.platform.worker.export.ExportTables.Table;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.postgresql.util.PSQLException;

/**
 * Reads a {@link TenantExport} file into the tenant whose context the handle has, inside the
 * caller's one transaction: all or nothing. Every row is written with the context's
 * {@code tenant_id} (the source tenant's never reaches the database), enhancements get new ids
 * and their feedback follows them, embeddings stay NULL for the backfill. The tenant must hold no
 * row of {@link ExportTables#ALL} yet. Any problem throws a 4xx {@link ApiException} naming the
 * line; the caller's transaction then rolls back and nothing is left.
 */
public final class TenantImport {
    static final int BATCH = 500;
    private static final String ID = "id";

    private final ObjectMapper json;

    public TenantImport(ObjectMapper json) {
        this.json = json;
    }

    /** What was imported: the exporting tenant's id and the rows per line type. */
    public record Result(String sourceTenant, Map<String, Long> counts) {
    }

    public Result run(Handle h, BufferedReader in) {
        Reader reader = new Reader(in);
        JsonNode header = reader.next();
        if (header == null || !TenantExport.HEADER.equals(header.path("type").asText())
                || !TenantExport.FORMAT.equals(header.path("format").asText())) {
            throw invalid("unsupported_export_format", "line 1: not a header of an " + TenantExport.FORMAT + " file");
        }
        if (header.path("version").asInt() != TenantExport.VERSION) {
            throw invalid("unsupported_export_format", "line 1: format version " + header.path("version")
                    + " is not supported (this worker reads version " + TenantExport.VERSION + ")");
        }
        lockAndRequireEmpty(h);

        Map<String, Long> counts = new LinkedHashMap<>();
        ExportTables.ALL.forEach(t -> counts.put(t.type(), 0L));
        Map<Long, Long> enhancementIds = new HashMap<>();
        Pending pending = null;
        int tableIndex = 0;
        JsonNode end = null;
        for (JsonNode line = reader.next(); line != null; line = reader.next()) {
            if (end != null) {
                throw invalid("invalid_export", "line " + reader.number + ": nothing may follow the end line");
            }
            String type = line.path("type").asText();
            if (TenantExport.END.equals(type)) {
                end = line;
                continue;
            }
            Table table = ExportTables.byType(type);
            if (table == null) {
                throw invalid("invalid_export", "line " + reader.number + ": unknown line type \"" + abbreviated(type) + "\"");
            }
            int index = ExportTables.ALL.indexOf(table);
            if (index < tableIndex) {
                throw invalid("invalid_export", "line " + reader.number + ": a " + type + " line after "
                        + ExportTables.ALL.get(tableIndex).type() + " lines (lines come in the export's order)");
            }
            if (pending != null && pending.table != table) {
                pending.flush(h, enhancementIds);
                pending = null;
            }
            tableIndex = index;
            if (pending == null) {
                pending = new Pending(table);
            }
            pending.add(reader.number, values(table, line, reader.number, enhancementIds));
            counts.merge(type, 1L, Long::sum);
            if (pending.rows.size() >= BATCH) {
                pending.flush(h, enhancementIds);
                pending = null;
            }
        }
        if (pending != null) {
            pending.flush(h, enhancementIds);
        }
        if (end == null) {
            throw invalid("export_incomplete", "the file has no end line after line " + reader.number
                    + ": it was cut off (export it again)");
        }
        for (Map.Entry<String, Long> count : counts.entrySet()) {
            long expected = end.path("counts").path(count.getKey()).asLong(-1);
            if (expected != count.getValue()) {
                throw invalid("export_incomplete", "the end line counts " + expected + " " + count.getKey()
                        + " lines, the file has " + count.getValue());
            }
        }
        return new Result(header.path("tenant_id").asText(null), counts);
    }

    /** One import per tenant at a time (a second is refused, not queued), into a tenant with no data. */
    private static void lockAndRequireEmpty(Handle h) {
        boolean locked = h.createQuery("SELECT pg_try_advisory_xact_lock(hashtextextended("
                        + "'tenant-import:' || current_setting('app.current_tenant_id', true), 0))")
                .mapTo(Boolean.class).one();
        if (!locked) {
            throw ApiException.conflict("import_in_progress", "an import into this tenant is running");
        }
        String any = ExportTables.ALL.stream().map(t -> "EXISTS (SELECT 1 FROM " + t.table() + ")")
                .collect(Collectors.joining(" OR "));
        if (h.createQuery("SELECT " + any).mapTo(Boolean.class).one()) {
            throw ApiException.conflict("tenant_not_empty", "the tenant already has history, KB articles, "
                    + "inventory, enhancements or feedback: import only into a new tenant (nothing was changed)");
        }
    }

    /** The line's values by column, checked against the column's kind; the source enhancement id under "id". */
    private Map<String, Object> values(Table table, JsonNode line, int number, Map<Long, Long> enhancementIds) {
        for (Iterator<String> names = line.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("type") && table.column(name) == null) {
                throw invalid("invalid_export", "line " + number + ": " + table.type() + " has no field \""
                        + abbreviated(name) + "\"");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Column c : table.columns()) {
            JsonNode v = line.get(c.name());
            if (v == null || v.isNull()) {
                if (c.required()) {
                    throw invalid("invalid_export", "line " + number + ": " + table.type() + "." + c.name() + " is required");
                }
                values.put(c.name(), null);
                continue;
            }
            values.put(c.name(), value(table, c, v, number));
        }
        if (table.type().equals(ExportTables.FEEDBACK)) {
            Long target = enhancementIds.get((Long) values.get("enhancement_id"));
            if (target == null) {
                throw invalid("invalid_export", "line " + number + ": feedback on enhancement "
                        + values.get("enhancement_id") + ", which the file has no enhancement line for");
            }
            values.put("enhancement_id", target);
        }
        return values;
    }

    private Object value(Table table, Column c, JsonNode v, int number) {
        String where = "line " + number + ": " + table.type() + "." + c.name();
        switch (c.kind()) {
            case TEXT, INET -> {
                if (!v.isTextual()) {
                    throw invalid("invalid_export", where + " must be a string");
                }
                return v.asText();
            }
            case INT -> {
                if (!v.canConvertToInt() || !v.isIntegralNumber()) {
                    throw invalid("invalid_export", where + " must be an integer");
                }
                return v.intValue();
            }
            case BIGINT -> {
                if (!v.canConvertToLong() || !v.isIntegralNumber()) {
                    throw invalid("invalid_export", where + " must be an integer");
                }
                return v.longValue();
            }
            case TIMESTAMP -> {
                try {
                    return OffsetDateTime.parse(v.asText());
                } catch (DateTimeParseException e) {
                    throw invalid("invalid_export", where + " must be an ISO-8601 time with offset");
                }
            }
            case TEXT_ARRAY -> {
                List<String> items = new ArrayList<>();
                if (!v.isArray()) {
                    throw invalid("invalid_export", where + " must be an array of strings");
                }
                for (JsonNode item : v) {
                    if (!item.isTextual()) {
                        throw invalid("invalid_export", where + " must be an array of strings");
                    }
                    items.add(item.asText());
                }
                return items;
            }
            case JSON -> {
                if (!v.isObject()) {
                    throw invalid("invalid_export", where + " must be an object");
                }
                return v.toString();
            }
            default -> throw new IllegalStateException(c.kind().name());
        }
    }

    /** Rows of one table waiting to be written as one batch. */
    private static final class Pending {
        final Table table;
        final List<Integer> lines = new ArrayList<>();
        final List<Map<String, Object>> rows = new ArrayList<>();
        final List<Column> written;
        final String sql;

        Pending(Table table) {
            this.table = table;
            boolean enhancement = table.type().equals(ExportTables.ENHANCEMENT);
            this.written = table.columns().stream().filter(c -> !(enhancement && c.name().equals(ID))).toList();
            this.sql = "INSERT INTO " + table.table() + " (tenant_id, "
                    + written.stream().map(Column::name).collect(Collectors.joining(", "))
                    + ") VALUES (current_setting('app.current_tenant_id', true), "
                    + written.stream().map(c -> "CAST(:" + c.name() + " AS " + c.kind().sqlType() + ")")
                    .collect(Collectors.joining(", ")) + ")";
        }

        void add(int line, Map<String, Object> values) {
            lines.add(line);
            rows.add(values);
        }

        /** Writes the batch; when the database refuses it, finds the refused line row by row. */
        void flush(Handle h, Map<Long, Long> enhancementIds) {
            h.savepoint("import_batch");
            try {
                PreparedBatch batch = h.prepareBatch(sql);
                for (Map<String, Object> row : rows) {
                    bind(batch, row);
                    batch.add();
                }
                if (table.type().equals(ExportTables.ENHANCEMENT)) {
                    List<Long> ids = batch.executePreparedBatch(ID).mapTo(Long.class).list();
                    for (int i = 0; i < ids.size(); i++) {
                        enhancementIds.put((Long) rows.get(i).get(ID), ids.get(i));
                    }
                } else {
                    batch.execute();
                }
                h.releaseSavepoint("import_batch");
            } catch (JdbiException e) {
                h.rollbackToSavepoint("import_batch");
                throw refusedLine(h);
            }
        }

        private ApiException refusedLine(Handle h) {
            for (int i = 0; i < rows.size(); i++) {
                try {
                    bind(h.createUpdate(sql), rows.get(i)).execute();
                } catch (JdbiException e) {
                    return invalid("invalid_export", "line " + lines.get(i) + ": the database refused this "
                            + table.type() + ": " + databaseMessage(e));
                }
            }
            return invalid("invalid_export", "the database refused a batch of " + table.type() + " lines");
        }

        private <S extends SqlStatement<S>> S bind(S statement, Map<String, Object> row) {
            for (Column c : written) {
                Object v = row.get(c.name());
                switch (c.kind()) {
                    case TEXT_ARRAY -> statement.bindArray(c.name(), String.class, v == null ? List.of() : (List<?>) v);
                    case INT -> statement.bindByType(c.name(), v, Integer.class);
                    case BIGINT -> statement.bindByType(c.name(), v, Long.class);
                    case TIMESTAMP -> statement.bindByType(c.name(), v, OffsetDateTime.class);
                    default -> statement.bindByType(c.name(), v, String.class);
                }
            }
            return statement;
        }
    }

    /** PostgreSQL's primary message (which names the constraint), never its detail (which quotes the row). */
    static String databaseMessage(JdbiException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            SQLException next = t instanceof BatchUpdateException b ? b.getNextException() : null;
            for (Throwable s : new Throwable[] {t, next}) {
                if (s instanceof PSQLException p && p.getServerErrorMessage() != null) {
                    return p.getServerErrorMessage().getMessage();
                }
            }
        }
        return "a constraint of the table";
    }

    private static ApiException invalid(String error, String message) {
        return ApiException.badRequest(error, message + " (nothing was imported)");
    }

    private static String abbreviated(String s) {
        String printable = s.replaceAll("[^A-Za-z0-9_.-]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }

    /** Non-blank lines as JSON objects, with the current line's number. */
    private final class Reader {
        private final BufferedReader in;
        int number;

        Reader(BufferedReader in) {
            this.in = in;
        }

        JsonNode next() {
            try {
                String text;
                do {
                    text = in.readLine();
                    if (text == null) {
                        return null;
                    }
                    number++;
                } while (text.isBlank());
                JsonNode node;
                try {
                    node = json.readTree(text);
                } catch (JsonProcessingException e) {
                    throw invalid("invalid_export", "line " + number + ": not JSON");
                }
                if (node == null || !node.isObject()) {
                    throw invalid("invalid_export", "line " + number + ": not a JSON object");
                }
                return node;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
