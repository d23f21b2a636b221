package com.aiagents.platform.gates.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens a dedicated connection as gates-runner's own role ({@code DATABASE_USER}) for gate 1. The RLS
 * harness manages its own transactions and must probe with exactly the role the services use, so it
 * gets a connection of its own rather than one borrowed from the pool behind
 * {@link com.aiagents.platform.common.db.TenantDatabase}.
 */
public final class RuntimeRoleConnections {
    private final String url;
    private final String user;
    private final String password;

    public RuntimeRoleConnections(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public String user() {
        return user;
    }

    public Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password == null ? "" : password);
        properties.setProperty("ApplicationName", "gates-runner rls-harness");
        properties.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(url, properties);
    }
}
