package com.aiagents.platform.sdp;

import com.aiagents.platform.sdp.net.Cidr;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how to reach one tenant's ServiceDesk Plus.
 *
 * @param tenantId    the platform tenant; names the per-tenant circuit breaker and bulkhead
 * @param baseUrl     the tenant's {@code servicedesk_url}, without {@code /api/v3}
 *                    (on-prem {@code https://sdp.acme.example:8080}, cloud {@code https://sdpondemand.manageengine.com/app/itdesk})
 * @param credentials API key (on-prem) or Zoho OAuth client (cloud)
 * @param privateNetworks the tenant's {@code servicedesk_private_networks}: private networks its SDP
 *                    (and Zoho accounts server) may be reached in, e.g. an on-premises SDP over a VPN
 */
public record SdpConnection(String tenantId, String baseUrl, SdpCredentials credentials, List<Cidr> privateNetworks) {

    private static final Pattern HTTP_URL = Pattern.compile("^https?://.+", Pattern.CASE_INSENSITIVE);

    public SdpConnection {
        if (tenantId == null || tenantId.isBlank()) {
            throw new IllegalArgumentException("tenantId must not be blank");
        }
        if (baseUrl == null || !HTTP_URL.matcher(baseUrl).matches()) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL, got: " + baseUrl);
        }
        Objects.requireNonNull(credentials, "credentials");
        privateNetworks = privateNetworks == null ? List.of() : List.copyOf(privateNetworks);
    }

    public SdpConnection(String tenantId, String baseUrl, SdpCredentials credentials) {
        this(tenantId, baseUrl, credentials, List.of());
    }

    /** The same connection, allowed into {@code networks} as well as the public internet. */
    public SdpConnection withPrivateNetworks(List<Cidr> networks) {
        return new SdpConnection(tenantId, baseUrl, credentials, networks);
    }

    public static SdpConnection onPrem(String tenantId, String baseUrl, String apiKey) {
        return new SdpConnection(tenantId, baseUrl, new SdpCredentials.ApiKey(apiKey));
    }

    /** ServiceDesk Plus MSP: an API key like on-prem; requests live in customer accounts. */
    public static SdpConnection msp(String tenantId, String baseUrl, String apiKey) {
        return new SdpConnection(tenantId, baseUrl, new SdpCredentials.ApiKey(apiKey, SdpEdition.MSP));
    }

    public static SdpConnection cloud(String tenantId, String baseUrl, String accountsUrl,
                                      String clientId, String clientSecret, String refreshToken) {
        return new SdpConnection(tenantId, baseUrl,
                new SdpCredentials.ZohoOAuth(accountsUrl, clientId, clientSecret, refreshToken));
    }

    public SdpEdition edition() {
        return credentials.edition();
    }
}
