package com.aiagents.platform.sdp;

import java.util.List;

/**
 * How a tenant's SDP is authenticated. The edition follows from the kind of credentials.
 * {@code toString()} never shows a secret, so these can be logged by accident without harm.
 */
public sealed interface SdpCredentials {

    SdpEdition edition();

    /** The values that must never appear in a message or log line. */
    List<String> secrets();

    /**
     * On-premises and MSP: the technician API key sent as the {@code authtoken} header.
     *
     * @param edition {@link SdpEdition#ONPREM} or {@link SdpEdition#MSP}
     */
    record ApiKey(String apiKey, SdpEdition edition) implements SdpCredentials {
        public ApiKey {
            requireText(apiKey, "apiKey");
            if (edition != SdpEdition.ONPREM && edition != SdpEdition.MSP) {
                throw new IllegalArgumentException("an API key authenticates the onprem and msp editions, not " + edition);
            }
        }

        public ApiKey(String apiKey) {
            this(apiKey, SdpEdition.ONPREM);
        }

        @Override
        public List<String> secrets() {
            return List.of(apiKey);
        }

        @Override
        public String toString() {
            return "ApiKey[edition=" + edition + ", apiKey=***]";
        }
    }

    /**
     * Cloud: a Zoho OAuth client and refresh token; access tokens are minted at
     * {@code accountsUrl + "/oauth/v2/token"} (e.g. {@code https://accounts.zoho.com}).
     */
    record ZohoOAuth(String accountsUrl, String clientId, String clientSecret, String refreshToken)
            implements SdpCredentials {
        public ZohoOAuth {
            requireText(accountsUrl, "accountsUrl");
            requireText(clientId, "clientId");
            requireText(clientSecret, "clientSecret");
            requireText(refreshToken, "refreshToken");
        }

        @Override
        public SdpEdition edition() {
            return SdpEdition.CLOUD;
        }

        @Override
        public List<String> secrets() {
            return List.of(clientSecret, refreshToken);
        }

        @Override
        public String toString() {
            return "ZohoOAuth[accountsUrl=" + accountsUrl + ", clientId=" + clientId
                    + ", clientSecret=***, refreshToken=***]";
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
