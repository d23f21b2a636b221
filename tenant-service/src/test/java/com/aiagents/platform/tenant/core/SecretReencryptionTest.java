package com.aiagents.platform.tenant.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.common.auth.PlatformPrincipal;
import com.aiagents.platform.common.auth.Role;
import com.aiagents.platform.common.crypto.EncryptionKeys;
import com.aiagents.platform.common.crypto.SecretCipher;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.sdp.net.SdpUrlCheck;
import com.aiagents.platform.tenant.db.AuditLog;
import com.aiagents.platform.tenant.db.TenantRepository;
import com.aiagents.platform.testing.TestDatabaseExtension;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rotating TENANT_ENCRYPTION_KEY: old ciphertexts stay readable, re-encryption moves them to the new key. */
class SecretReencryptionTest {
    @RegisterExtension
    static final TestDatabaseExtension DB = new TestDatabaseExtension();

    private static final ObjectMapper JSON = JsonMapper.create();
    private static final PlatformPrincipal ADMIN = new PlatformPrincipal("test-admin", Role.ADMIN);

    @Test
    void secretsMoveToTheNewKeyAndStayReadable() throws Exception {
        byte[] oldKey = randomKey();
        byte[] newKey = randomKey();
        TenantDatabase database = new TenantDatabase(Jdbi.create(DB.get().jdbcUrl(), DB.get().roleFor(ServiceRole.TENANT_SERVICE),
                DB.get().password()));
        TenantRegistry before = registry(database, EncryptionKeys.of(1, oldKey, Map.of()));
        String secret = before.create(ADMIN, JSON.readTree("""
                {"tenant_id": "rotating", "name": "Rotating", "admin_contact_email": "a@b.example",
                 "servicedesk_url": "https://sdp.example", "servicedesk_credentials": {"api_key": "KEY-1"},
                 "llm_endpoint": {"base_url": "https://llm.example/v1", "api_key": "LLM-KEY-1", "model": "m-1"}}"""
                .replace('\n', ' '))).webhook().secret();

        EncryptionKeys rotated = EncryptionKeys.of(2, newKey, Map.of(1, oldKey));
        TenantRegistry during = registry(database, rotated);
        assertThat(during.runtimeConfig(TenantId.of("rotating"), RuntimeConfigAudience.GATES).webhook().secret())
                .as("the old key still decrypts during the rotation").isEqualTo(secret);

        SecretReencryption reencryption = new SecretReencryption(database, new TenantRepository(),
                new TenantSecrets(new SecretCipher(rotated), JSON), new AuditLog(JSON));
        assertThat(reencryption.run(ADMIN)).isEqualTo(1);
        assertThat(reencryption.run(ADMIN)).as("a second run has nothing left to do").isZero();

        try (Connection c = DB.get().connectAsSuperuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT servicedesk_credentials_enc, webhook_secret_enc, llm_api_key_enc FROM tenant_configs")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("v2:");
            assertThat(rs.getString(2)).startsWith("v2:");
            assertThat(rs.getString(3)).as("the tenant's own LLM key too").startsWith("v2:");
        }
        TenantRuntimeConfig afterwards = registry(database, EncryptionKeys.of(2, newKey, Map.of()))
                .runtimeConfig(TenantId.of("rotating"), RuntimeConfigAudience.GATES);
        assertThat(afterwards.webhook().secret()).as("readable without the old key").isEqualTo(secret);
        assertThat(afterwards.servicedesk().credentials().apiKey()).isEqualTo("KEY-1");
        assertThat(afterwards.llmEndpoint().apiKey()).isEqualTo("LLM-KEY-1");
        assertThatThrownBy(() -> registry(database, EncryptionKeys.of(1, oldKey, Map.of()))
                .runtimeConfig(TenantId.of("rotating"), RuntimeConfigAudience.GATES)).hasMessageNotContaining(secret);
    }

    private static TenantRegistry registry(TenantDatabase database, EncryptionKeys keys) {
        return new TenantRegistry(database, new TenantRepository(), new AuditLog(JSON),
                new TenantSecrets(new SecretCipher(keys), JSON), JSON, new RegistrySettings(),
                new ServicedeskAddressRules(false, SdpUrlCheck.SYSTEM), Clock.systemUTC());
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
