package com.aiagents.platform.gates.core;

import com.aiagents.platform.api.ServicedeskCredentials;
import com.aiagents.platform.api.ServicedeskEdition;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.sdp.SdpConnection;

/** The sdp-client connection for a tenant's runtime config (on-prem API key or cloud OAuth). */
public final class SdpConnections {
    private SdpConnections() {
    }

    public static SdpConnection of(TenantRuntimeConfig config) {
        TenantRuntimeConfig.Servicedesk sdp = config.servicedesk();
        if (sdp == null || sdp.credentials() == null) {
            throw new PeerCallException("tenant-service holds no ServiceDesk Plus credentials for " + config.tenantId());
        }
        ServicedeskCredentials c = sdp.credentials();
        if (sdp.edition() == ServicedeskEdition.CLOUD) {
            return SdpConnection.cloud(config.tenantId(), sdp.url(), c.accountsUrl(), c.clientId(), c.clientSecret(),
                    c.refreshToken());
        }
        return SdpConnection.onPrem(config.tenantId(), sdp.url(), c.apiKey());
    }
}
