package com.aiagents.platform.tenant;

import com.aiagents.platform.common.crypto.EncryptionConfig;
import com.aiagents.platform.common.tracing.TracingConfig;
import com.aiagents.platform.schema.MigrationException;
import com.aiagents.platform.schema.MigrationSettings;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.tenant.core.PeopleSettings;
import com.aiagents.platform.tenant.core.RegistrySettings;
import com.aiagents.platform.tenant.core.WelcomeSettings;
import com.aiagents.platform.sdp.net.SdpNetworkSettings;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import com.aiagents.platform.common.db.TlsDataSourceFactory;
import io.dropwizard.db.DataSourceFactory;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

public class TenantServiceConfiguration extends Configuration {
    @Valid
    @NotNull
    @JsonProperty("database")
    private TlsDataSourceFactory database = new TlsDataSourceFactory();

    @Valid
    @NotNull
    @JsonProperty("migration")
    private MigrationUser migration = new MigrationUser();

    @Valid
    @NotNull
    @JsonProperty("encryption")
    private EncryptionConfig encryption = new EncryptionConfig();

    @Valid
    @NotNull
    @JsonProperty("auth")
    private PeopleSettings auth = new PeopleSettings();

    @Valid
    @NotNull
    @JsonProperty("registry")
    private RegistrySettings registry = new RegistrySettings();

    /** Which addresses a tenant's SDP may be at (SDP_ALLOW_PRIVATE_NETWORKS). */
    @Valid
    @NotNull
    @JsonProperty("sdp")
    private SdpNetworkSettings sdp = new SdpNetworkSettings();

    /** The welcome mail's SMTP server and reveal link (SMTP_*, WELCOME_LINK_*). */
    @Valid
    @NotNull
    @JsonProperty("welcome")
    private WelcomeSettings welcome = new WelcomeSettings();

    @Valid
    @NotNull
    @JsonProperty("tracing")
    private TracingConfig tracing = new TracingConfig();

    public DataSourceFactory getDatabase() {
        return database;
    }

    public MigrationUser getMigration() {
        return migration;
    }

    public EncryptionConfig getEncryption() {
        return encryption;
    }

    public PeopleSettings getAuth() {
        return auth;
    }

    public RegistrySettings getRegistry() {
        return registry;
    }

    public SdpNetworkSettings getSdp() {
        return sdp;
    }

    public WelcomeSettings getWelcome() {
        return welcome;
    }

    public TracingConfig getTracing() {
        return tracing;
    }

    /**
     * The owner role that runs migrations (DATABASE_MIGRATION_USER / _PASSWORD) and the four
     * service roles it creates and grants, keyed by service ({@code TENANT_SERVICE_DATABASE_USER}, ...).
     */
    public static class MigrationUser {
        @JsonProperty
        private String user = "aiagents_owner";

        @JsonProperty
        private String password = "";

        @JsonProperty
        private Map<String, RoleCredentials> roles = new LinkedHashMap<>();

        public String getUser() {
            return user;
        }

        public String getPassword() {
            return password;
        }

        /** The settings {@code db migrate} runs with; a service missing from {@code roles} is an error. */
        public MigrationSettings settings(String jdbcUrl) {
            Map<ServiceRole, MigrationSettings.Credentials> credentials = new EnumMap<>(ServiceRole.class);
            for (ServiceRole role : ServiceRole.values()) {
                RoleCredentials given = roles.get(role.service());
                if (given == null || given.user == null || given.user.isBlank()) {
                    throw new MigrationException("migration.roles." + role.service() + ".user ("
                            + role.userVariable() + ") is not set");
                }
                credentials.put(role, new MigrationSettings.Credentials(given.user, given.password));
            }
            return new MigrationSettings(jdbcUrl, user, password, credentials);
        }
    }

    /** One service role's name and the password {@code db migrate} creates it with. */
    public static class RoleCredentials {
        @JsonProperty
        private String user;

        @JsonProperty
        private String password = "";
    }
}
