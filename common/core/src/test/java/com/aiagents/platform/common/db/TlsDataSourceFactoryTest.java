package com.aiagents.platform.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.testing.TestCertificateAuthority;
import com.aiagents.platform.testing.TlsPostgres;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.ManagedDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DATABASE_SSLMODE / DATABASE_SSLROOTCERT against a PostgreSQL with TLS on, its certificate issued
 * for {@code localhost} by a CA this test makes: verify-full connects only with that CA and that
 * host name, and require refuses a server that does not offer TLS.
 */
class TlsDataSourceFactoryTest {
    private static TlsPostgres postgres;
    private static Path rightCa;
    private static Path wrongCa;

    @BeforeAll
    static void start(@TempDir Path files) {
        TestCertificateAuthority ca = TestCertificateAuthority.create("platform test database CA");
        rightCa = ca.writeCertificate(files.resolve("ca.pem"));
        wrongCa = TestCertificateAuthority.create("some other CA").writeCertificate(files.resolve("other-ca.pem"));
        postgres = TlsPostgres.start(ca.issue("localhost"));
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void verifyFullWithTheServersCaConnectsOverTls() throws Exception {
        TlsDataSourceFactory database = factory("localhost", "verify-full", rightCa.toString());
        ManagedDataSource pool = database.build(new MetricRegistry(), "tls-test");
        try (Connection c = pool.getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean("ssl")).as("the pool's own connection is encrypted").isTrue();
            assertThat(rs.getString("version")).startsWith("TLSv1.");
        } finally {
            pool.stop();
        }
    }

    @Test
    void theUrlOtherConnectionsUseCarriesTheSameSetting() throws Exception {
        // the migration command and gates-runner's RLS probe connect with getUrl() themselves
        TlsDataSourceFactory database = factory("localhost", "verify-full", rightCa.toString());
        assertThat(database.getUrl()).contains("sslmode=verify-full").contains("sslrootcert=");
        try (Connection c = DriverManager.getConnection(database.getUrl(), "postgres", "")) {
            assertThat(ssl(c)).isTrue();
        }
    }

    @Test
    void verifyFullRefusesACertificateFromAnotherCa() {
        TlsDataSourceFactory database = factory("localhost", "verify-full", wrongCa.toString());
        assertThatThrownBy(() -> DriverManager.getConnection(database.getUrl(), "postgres", "").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("SSL");
    }

    @Test
    void verifyFullRefusesAServerReachedByANameItsCertificateDoesNotCarry() {
        // the certificate names localhost only
        TlsDataSourceFactory database = factory("127.0.0.1", "verify-full", rightCa.toString());
        assertThatThrownBy(() -> DriverManager.getConnection(database.getUrl(), "postgres", "").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("127.0.0.1");
    }

    @Test
    void requireRefusesAServerWithoutTls() throws Exception {
        TlsDataSourceFactory database = factory("localhost", "require", null);
        try (Connection c = DriverManager.getConnection(database.getUrl(), "postgres", "")) {
            assertThat(ssl(c)).as("require encrypts, even without a CA to check against").isTrue();
        }
        postgres.setSsl(false);
        try {
            assertThatThrownBy(() -> DriverManager.getConnection(database.getUrl(), "postgres", "").close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("SSL");
            // what prefer (the local default) does with the same server: connects in clear
            try (Connection c = DriverManager.getConnection(
                    factory("localhost", "prefer", null).getUrl(), "postgres", "")) {
                assertThat(ssl(c)).isFalse();
            }
        } finally {
            postgres.setSsl(true);
        }
    }

    @Test
    void anSslModeInDatabaseUrlWinsOverDatabaseSslmode() {
        TlsDataSourceFactory database = factory("localhost", "verify-full", rightCa.toString());
        database.setUrl(postgres.jdbcUrl("localhost") + "?sslmode=require&ApplicationName=x");
        assertThat(database.getUrl()).contains("sslmode=require").doesNotContain("verify-full")
                .endsWith("&sslrootcert=" + java.net.URLEncoder.encode(rightCa.toString(),
                        java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void blankSettingsLeaveTheUrlAsConfigured() {
        TlsDataSourceFactory database = factory("localhost", " ", "");
        assertThat(database.getUrl()).isEqualTo(postgres.jdbcUrl("localhost"));
    }

    @Test
    void anUnknownSslModeIsAConfigurationError() {
        TlsDataSourceFactory database = factory("localhost", "verify_full", null);
        assertThat(io.dropwizard.jersey.validation.Validators.newValidator().validate(database))
                .extracting(v -> v.getPropertyPath().toString() + " " + v.getMessage())
                .containsExactly("sslMode must be one of disable, allow, prefer, require, verify-ca, verify-full");
    }

    private static boolean ssl(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static TlsDataSourceFactory factory(String host, String sslMode, String rootCert) {
        TlsDataSourceFactory database = new TlsDataSourceFactory();
        database.setDriverClass("org.postgresql.Driver");
        database.setUrl(postgres.jdbcUrl(host));
        database.setUser("postgres");
        database.setPassword("");
        database.setSslMode(sslMode);
        database.setSslRootCert(rootCert);
        return database;
    }
}
