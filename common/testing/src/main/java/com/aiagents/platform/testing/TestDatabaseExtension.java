package com.aiagents.platform.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @RegisterExtension static TestDatabaseExtension db = new TestDatabaseExtension();}
 * gives a test class a private migrated database, dropped after its last test.
 */
public final class TestDatabaseExtension implements BeforeAllCallback, AfterAllCallback {
    private TestDatabase database;

    @Override
    public void beforeAll(ExtensionContext context) {
        database = TestDatabase.createMigrated();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (database != null) {
            database.close();
        }
    }

    public TestDatabase get() {
        if (database == null) {
            throw new IllegalStateException("TestDatabaseExtension must be registered as a static field");
        }
        return database;
    }
}
