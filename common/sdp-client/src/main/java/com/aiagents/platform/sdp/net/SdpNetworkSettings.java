package com.aiagents.platform.sdp.net;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code sdp:} config section of a service that checks or calls tenants' SDP URLs without
 * other SDP client settings (tenant-service at save time, gates-runner).
 */
public class SdpNetworkSettings {
    /**
     * {@code SDP_ALLOW_PRIVATE_NETWORKS}: any address and plain http (local run, tests, the
     * simulator on 127.0.0.1). False in production: https to globally routable addresses and the
     * tenant's own {@code servicedesk_private_networks} only.
     */
    @JsonProperty
    private boolean allowPrivateNetworks = false;

    public boolean isAllowPrivateNetworks() {
        return allowPrivateNetworks;
    }
}
