package com.aiagents.platform.sdpsim.core;

/**
 * The address clients reach the simulator at, for the {@code base_url} of instances: the
 * configured public URL, or {@code http://127.0.0.1:<port the server actually bound>} (port 0 in tests).
 */
public final class ServerAddress {

    private final String publicBaseUrl;
    private volatile int boundPort;

    public ServerAddress(String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? null
                : publicBaseUrl.replaceAll("/+$", "");
    }

    public void bindPort(int port) {
        this.boundPort = port;
    }

    public String baseUrl() {
        return publicBaseUrl != null ? publicBaseUrl : "http://127.0.0.1:" + boundPort;
    }

    /** An instance's {@code servicedesk_url}; its API lives under {@code /api/v3}. */
    public String instanceBaseUrl(String name) {
        return baseUrl() + "/sdp/" + name;
    }
}
