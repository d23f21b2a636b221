package com.aiagents.platform.sdp.net;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses one tenant's SDP may be reached at: globally routable unicast addresses, plus
 * the private networks an administrator allowed for this tenant ({@code servicedesk_private_networks});
 * or anything when the platform runs with {@code SDP_ALLOW_PRIVATE_NETWORKS=true} (local run,
 * tests, the simulator). Loopback, link-local, metadata and other never-SDP addresses stay refused
 * whatever the tenant's networks say.
 *
 * @param allowPrivateNetworks the platform-wide switch: every address, and plain http
 * @param tenantNetworks       this tenant's allowed private networks
 */
public record NetworkPolicy(boolean allowPrivateNetworks, List<Cidr> tenantNetworks) {

    public NetworkPolicy {
        tenantNetworks = List.copyOf(tenantNetworks);
    }

    public static NetworkPolicy allowingEverything() {
        return new NetworkPolicy(true, List.of());
    }

    public static NetworkPolicy publicOnly(List<Cidr> tenantNetworks) {
        return new NetworkPolicy(false, tenantNetworks);
    }

    /** Why {@code address} may not be reached; empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        if (allowPrivateNetworks) {
            return Optional.empty();
        }
        AddressClassifier.Verdict verdict = AddressClassifier.classify(address);
        switch (verdict.kind()) {
            case PUBLIC:
                return Optional.empty();
            case PRIVATE:
                if (tenantNetworks.stream().anyMatch(network -> network.contains(address))) {
                    return Optional.empty();
                }
                return Optional.of(verdict.reason() + ", outside the tenant's servicedesk_private_networks");
            default:
                return Optional.of(verdict.reason());
        }
    }

    /** Whether plain {@code http} is acceptable (only with the platform-wide switch). */
    public boolean allowsPlainHttp() {
        return allowPrivateNetworks;
    }
}
