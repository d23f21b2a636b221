package com.aiagents.platform.worker.core;

import com.aiagents.platform.api.ServicedeskCredentials;
import com.aiagents.platform.api.ServicedeskEdition;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.sdp.SdpClient;
import com.aiagents.platform.sdp.SdpClientFactory;
import com.aiagents.platform.sdp.SdpConnection;
import com.aiagents.platform.sdp.net.Cidr;

/** The SDP client of a tenant, from its runtime configuration (rebuilt when credentials change). */
public final class SdpClients {
    private static final String DEFAULT_ACCOUNTS_URL = "https://accounts.zoho.com";

    private final SdpClientFactory factory;

    public SdpClients(SdpClientFactory factory) {
        this.factory = factory;
    }

    /** @throws IllegalArgumentException when the tenant's SDP settings are incomplete */
    public SdpClient forTenant(TenantRuntimeConfig config) {
        TenantRuntimeConfig.Servicedesk sd = config.servicedesk();
        if (sd == null || sd.url() == null || sd.credentials() == null) {
            throw new IllegalArgumentException("tenant has no ServiceDesk Plus URL or credentials");
        }
        ServicedeskCredentials c = sd.credentials();
        SdpConnection connection = sd.edition() == ServicedeskEdition.CLOUD
                ? SdpConnection.cloud(config.tenantId(), sd.url(),
                        c.accountsUrl() == null ? DEFAULT_ACCOUNTS_URL : c.accountsUrl(),
                        c.clientId(), c.clientSecret(), c.refreshToken())
                : sd.edition() == ServicedeskEdition.MSP ? SdpConnection.msp(config.tenantId(), sd.url(), c.apiKey())
                : SdpConnection.onPrem(config.tenantId(), sd.url(), c.apiKey());
        return factory.clientFor(connection.withPrivateNetworks(sd.privateNetworks().stream().map(Cidr::parse).toList()));
    }
}
