package com.aiagents.platform.provisioning.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.ServicedeskCredentials;
import com.aiagents.platform.api.ServicedeskEdition;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.api.TenantStatus;
import com.aiagents.platform.api.Tier;
import org.junit.jupiter.api.Test;

class CredentialsSecretTest {

    @Test
    void onPremTenantsGetTheirApiKey() {
        assertThat(CredentialsSecret.of(config(ServicedeskEdition.ONPREM, ServicedeskCredentials.onPrem("key-1"))))
                .containsExactly(java.util.Map.entry("sdp_api_key", "key-1"));
    }

    @Test
    void cloudTenantsGetTheirZohoOAuthValues() {
        assertThat(CredentialsSecret.of(config(ServicedeskEdition.CLOUD,
                ServicedeskCredentials.cloud("id", "secret", "refresh", "https://accounts.zoho.eu"))))
                .containsOnlyKeys("sdp_client_id", "sdp_client_secret", "sdp_refresh_token", "sdp_accounts_url")
                .containsEntry("sdp_refresh_token", "refresh");
    }

    @Test
    void withoutCredentialsTheSecretIsEmpty() {
        assertThat(CredentialsSecret.of(config(ServicedeskEdition.ONPREM, null))).isEmpty();
    }

    private static TenantRuntimeConfig config(ServicedeskEdition edition, ServicedeskCredentials credentials) {
        return new TenantRuntimeConfig("acme", TenantStatus.CONFIGURED, Tier.BASIC, null, null,
                new TenantRuntimeConfig.Servicedesk(edition, "https://sdp.example", credentials), null);
    }
}
