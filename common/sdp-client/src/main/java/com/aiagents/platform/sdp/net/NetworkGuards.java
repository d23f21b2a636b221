package com.aiagents.platform.sdp.net;

import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * {@code http} (same pool and dispatcher) refusing what {@code policy} refuses: plain http before
 * connecting, names resolving to refused addresses on every lookup (DNS rebinding), and refused peer
 * addresses once connected (IP literals), always before a request and its credentials are written.
 * Used for every tenant-supplied address: its SDP and its own LLM endpoint.
 */
public final class NetworkGuards {
    private NetworkGuards() {
    }

    public static OkHttpClient guarded(OkHttpClient http, Dns dns, NetworkPolicy policy) {
        if (policy.allowPrivateNetworks()) {
            return http;
        }
        return http.newBuilder()
                .dns(new GuardedDns(dns, policy))
                .addInterceptor(new HttpsOnly())
                .addNetworkInterceptor(new ConnectedAddressGuard(policy))
                .build();
    }
}
