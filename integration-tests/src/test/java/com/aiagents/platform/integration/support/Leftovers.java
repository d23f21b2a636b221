package com.aiagents.platform.integration.support;

import com.aiagents.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a tenant left in the database, seen as a superuser (row-level security does not hide it). */
public final class Leftovers {
    private Leftovers() {
    }

    /** Table → rows of {@code tenantId}, for every table with a {@code tenant_id} column that has any. */
    public static Map<String, Integer> rows(TestDatabase database, String tenantId) {
        Map<String, Integer> found = new LinkedHashMap<>();
        try (Connection c = database.connectAsSuperuser()) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT table_name FROM information_schema.columns"
                    + " WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM \"" + table + "\" WHERE tenant_id = ?")) {
                    st.setString(1, tenantId);
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) > 0) {
                            found.put(table, rs.getInt(1));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    /** The tenant's registry row status as a superuser sees it, or null when there is none. */
    public static String registryStatus(TestDatabase database, String tenantId) {
        try (Connection c = database.connectAsSuperuser();
             PreparedStatement st = c.prepareStatement("SELECT status FROM tenant_configs WHERE tenant_id = ?")) {
            st.setString(1, tenantId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
