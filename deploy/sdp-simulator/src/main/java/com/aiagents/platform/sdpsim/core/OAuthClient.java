package com.aiagents.platform.sdpsim.core;

import java.time.Duration;

/** The Zoho OAuth client a cloud instance accepts at its token endpoint. */
public record OAuthClient(String clientId, String clientSecret, String refreshToken, Duration accessTokenTtl) {
    @Override
    public String toString() {
        return "OAuthClient[clientId=" + clientId + ", clientSecret=***, refreshToken=***, accessTokenTtl="
                + accessTokenTtl + "]";
    }
}
