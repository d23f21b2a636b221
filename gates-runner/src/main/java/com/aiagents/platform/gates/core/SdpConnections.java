package com.aiagents.platform.gates.core;

import com.aiagents.platform.api.ServicedeskCredentials;
import com.aiagents.platform.api.ServicedeskEdition;
import com.aiagents.platform.api.TenantRuntimeConfig;
import com.aiagents.platform.sdp.SdpConnection;
import com.aiagents.platform.sdp.net.Cidr;

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
        SdpConnection connection = sdp.edition() == ServicedeskEdition.CLOUD
                ? SdpConnection.cloud(config.tenantId(), sdp.url(), c.accountsUrl(), c.clientId(), c.clientSecret(),
                        c.refreshToken())
                : sdp.edition() == ServicedeskEdition.MSP ? SdpConnection.msp(config.tenantId(), sdp.url(), c.apiKey())
                : SdpConnection.onPrem(config.tenantId(), sdp.url(), c.apiKey());
        // the tenant's admin-allowed private networks (an on-premises SDP over a VPN)
        return connection.withPrivateNetworks(sdp.privateNetworks().stream().map(Cidr::parse).toList());
    }
}
