package com.aiagents.platform.worker.export;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.worker.export.ExportTables.Column;
import com.aiagents.platform.worker.export.ExportTables.Table;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Writes a tenant's export as JSON lines: a header (format and version), then every row of
 * {@link ExportTables#ALL} in that order, then an {@code end} line with the count per type (an
 * import refuses a file without it: a cut-off download is never half-imported). Runs in the
 * tenant's context, in one REPEATABLE READ transaction so every table comes from the same moment
 * (feedback never names an enhancement the file lacks), paged by each table's key.
 */
public final class TenantExport {
    public static final String FORMAT = "aiagents-tenant-export";
    public static final int VERSION = 1;
    public static final String MEDIA_TYPE = "application/x-ndjson";
    public static final String HEADER = "header";
    public static final String END = "end";
    static final int PAGE = 500;

    private final ObjectMapper json;
    private final Clock clock;

    public TenantExport(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** @return the rows written per line type */
    public Map<String, Long> write(Handle h, TenantId tenant, OutputStream out) {
        ObjectNode header = json.createObjectNode().put("type", HEADER).put("format", FORMAT).put("version", VERSION)
                .put("service", "enhancement-worker").put("tenant_id", tenant.value())
                .put("exported_at", clock.instant().toString());
        line(out, header);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Table table : ExportTables.ALL) {
            counts.put(table.type(), writeTable(h, table, out));
        }
        ObjectNode end = json.createObjectNode().put("type", END);
        counts.forEach(end.putObject("counts")::put);
        line(out, end);
        return counts;
    }

    private long writeTable(Handle h, Table table, OutputStream out) {
        String keyType = table.column(table.key()).kind().sqlType();
        String sql = "SELECT " + table.columns().stream().map(TenantExport::selected).collect(Collectors.joining(", "))
                + " FROM " + table.table() + " WHERE :first OR " + table.key() + " > CAST(:after AS " + keyType + ")"
                + " ORDER BY " + table.key() + " LIMIT " + PAGE;
        long written = 0;
        String after = null;
        while (true) {
            List<ObjectNode> page = h.createQuery(sql).bind("first", after == null).bind("after", after)
                    .map((rs, ctx) -> row(table, rs)).list();
            for (ObjectNode row : page) {
                line(out, row);
            }
            written += page.size();
            if (page.size() < PAGE) {
                return written;
            }
            after = page.get(page.size() - 1).get(table.key()).asText();
        }
    }

    private static String selected(Column c) {
        return switch (c.kind()) {
            case JSON, INET -> "CAST(" + c.name() + " AS text) AS " + c.name();
            default -> c.name();
        };
    }

    private ObjectNode row(Table table, ResultSet rs) throws SQLException {
        ObjectNode line = json.createObjectNode().put("type", table.type());
        for (Column c : table.columns()) {
            String name = c.name();
            switch (c.kind()) {
                case TEXT, INET -> line.put(name, rs.getString(name));
                case INT -> {
                    int v = rs.getInt(name);
                    line.put(name, rs.wasNull() ? null : v);
                }
                case BIGINT -> {
                    long v = rs.getLong(name);
                    line.put(name, rs.wasNull() ? null : v);
                }
                case TIMESTAMP -> {
                    OffsetDateTime v = rs.getObject(name, OffsetDateTime.class);
                    line.put(name, v == null ? null : v.toInstant().toString());
                }
                case TEXT_ARRAY -> {
                    Array v = rs.getArray(name);
                    if (v == null) {
                        line.putNull(name);
                    } else {
                        ArrayNode items = line.putArray(name);
                        for (Object item : (Object[]) v.getArray()) {
                            items.add((String) item);
                        }
                    }
                }
                case JSON -> {
                    String v = rs.getString(name);
                    try {
                        line.set(name, v == null ? null : json.readTree(v));
                    } catch (JsonProcessingException e) {
                        throw new SQLException("unreadable jsonb in " + table.table() + "." + name, e);
                    }
                }
            }
        }
        return line;
    }

    private void line(OutputStream out, ObjectNode node) {
        try {
            out.write(json.writeValueAsBytes(node));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
