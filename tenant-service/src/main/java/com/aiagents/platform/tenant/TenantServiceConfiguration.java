package com.aiagents.platform.tenant;

import com.aiagents.platform.common.auth.AuthConfig;
import com.aiagents.platform.common.crypto.EncryptionConfig;
import com.aiagents.platform.common.tracing.TracingConfig;
import com.aiagents.platform.tenant.core.RegistrySettings;
import com.aiagents.platform.sdp.net.SdpNetworkSettings;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

public class TenantServiceConfiguration extends Configuration {
    @Valid
    @NotNull
    @JsonProperty("database")
    private DataSourceFactory database = new DataSourceFactory();

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
    private AuthConfig auth = new AuthConfig();

    @Valid
    @NotNull
    @JsonProperty("registry")
    private RegistrySettings registry = new RegistrySettings();

    /** Which addresses a tenant's SDP may be at (SDP_ALLOW_PRIVATE_NETWORKS). */
    @Valid
    @NotNull
    @JsonProperty("sdp")
    private SdpNetworkSettings sdp = new SdpNetworkSettings();

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

    public AuthConfig getAuth() {
        return auth;
    }

    public RegistrySettings getRegistry() {
        return registry;
    }

    public SdpNetworkSettings getSdp() {
        return sdp;
    }

    public TracingConfig getTracing() {
        return tracing;
    }

    /** The owner role that runs migrations (DATABASE_MIGRATION_USER / _PASSWORD). */
    public static class MigrationUser {
        @JsonProperty
        private String user = "aiagents_owner";

        @JsonProperty
        private String password = "";

        public String getUser() {
            return user;
        }

        public String getPassword() {
            return password;
        }
    }
}
