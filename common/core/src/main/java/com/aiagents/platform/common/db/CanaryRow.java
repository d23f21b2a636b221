package com.aiagents.platform.common.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a minimal row for any tenant-scoped table from the catalog: every NOT NULL column
 * without a default gets a value of its type, and one text column carries a marker so the
 * canary can be found and removed. Columns with CHECK constraints get known-good values.
 */
final class CanaryRow {
    /** Values that satisfy the schema's CHECK constraints, by table.column or by column. */
    private static final Map<String, String> KNOWN_VALUES = Map.ofEntries(
            Map.entry("tenant_configs.status", "onboarding"),
            Map.entry("enhancement_history.status", "received"),
            Map.entry("ticket_history.source", "seed"),
            Map.entry("tenant_prompt_bundles.status", "draft"),
            Map.entry("sections", "[]"),
            Map.entry("enhancement_feedback.vote", "helpful"),
            Map.entry("users.role", "tenant_viewer"),
            Map.entry("tier", "basic"),
            Map.entry("servicedesk_edition", "onprem"),
            Map.entry("webhook_auth_mode", "hmac"),
            Map.entry("gate", "1"));

    final String table;
    final List<String> columns;
    final List<String> literals;
    final String markerColumn;
    final Privileges privileges;

    /** What the connected role may do to the table (SELECT on any column counts for reading). */
    record Privileges(boolean select, boolean insert, boolean update, boolean delete) {
    }

    private CanaryRow(String table, List<String> columns, List<String> literals, String markerColumn,
                      Privileges privileges) {
        this.table = table;
        this.columns = columns;
        this.literals = literals;
        this.markerColumn = markerColumn;
        this.privileges = privileges;
    }

    static CanaryRow describe(Connection c, String table, String marker) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<String> literals = new ArrayList<>();
        String markerColumn = null;
        try (PreparedStatement st = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod), "
                + "a.attnotnull, a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '' FROM pg_attribute a "
                + "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = 'public' AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped "
                + "ORDER BY a.attnum")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String column = rs.getString(1);
                    String type = rs.getString(2);
                    boolean required = rs.getBoolean(3) && !rs.getBoolean(4);
                    boolean text = type.equals("text") || type.startsWith("character varying");
                    if (column.equals("tenant_id")) {
                        continue;
                    }
                    if (markerColumn == null && text && rs.getBoolean(3) && !KNOWN_VALUES.containsKey(column)
                            && !KNOWN_VALUES.containsKey(table + "." + column)) {
                        markerColumn = column;
                        columns.add(column);
                        literals.add(quote(marker));
                    } else if (required) {
                        columns.add(column);
                        literals.add(valueFor(table, column, type, marker));
                    }
                }
            }
        }
        if (markerColumn == null) {
            throw new SQLException("table " + table + " has no NOT NULL text column to mark a canary row with");
        }
        return new CanaryRow(table, columns, literals, markerColumn, privileges(c, table));
    }

    private static Privileges privileges(Connection c, String table) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT has_any_column_privilege(t, 'SELECT'), "
                + "has_table_privilege(t, 'INSERT'), has_table_privilege(t, 'UPDATE'), has_table_privilege(t, 'DELETE') "
                + "FROM (SELECT format('public.%I', ?::text) AS t) AS x")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Privileges(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4));
            }
        }
    }

    /** INSERT for {@code tenantId}; a conflict (the row exists already) inserts nothing. */
    String insertSql(String tenantId) {
        return "INSERT INTO " + ident(table) + " (tenant_id, " + String.join(", ", columns.stream().map(CanaryRow::ident)
                .toList()) + ") VALUES (" + quote(tenantId) + ", " + String.join(", ", literals)
                + ") ON CONFLICT DO NOTHING";
    }

    String markerPredicate(String marker) {
        return ident(markerColumn) + " = " + quote(marker);
    }

    private static String valueFor(String table, String column, String type, String marker) {
        String known = KNOWN_VALUES.getOrDefault(table + "." + column, KNOWN_VALUES.get(column));
        if (known != null) {
            return quote(known) + "::" + type;
        }
        if (type.endsWith("[]")) {
            return "'{}'::" + type;
        }
        return switch (type) {
            case "integer", "bigint", "smallint", "numeric", "double precision", "real" -> "1";
            case "boolean" -> "false";
            case "jsonb", "json" -> "'{}'::" + type;
            case "timestamp with time zone", "timestamp without time zone", "date" -> "now()";
            case "inet" -> "'192.0.2.1'::inet";
            case "uuid" -> "gen_random_uuid()";
            default -> quote(marker) + "::" + type;
        };
    }

    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
