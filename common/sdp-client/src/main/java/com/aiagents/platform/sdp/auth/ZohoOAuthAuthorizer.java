package com.aiagents.platform.sdp.auth;

import com.aiagents.platform.sdp.http.AuthHeader;
import com.aiagents.platform.sdp.http.RequestAuthorizer;
import java.util.List;

/** Cloud: {@code Authorization: Zoho-oauthtoken <access token>}, renewed once when SDP rejects it. */
public final class ZohoOAuthAuthorizer implements RequestAuthorizer {

    static final String SCHEME = "Zoho-oauthtoken ";

    private final ZohoTokenSource tokens;

    public ZohoOAuthAuthorizer(ZohoTokenSource tokens) {
        this.tokens = tokens;
    }

    @Override
    public AuthHeader current() {
        return new AuthHeader("Authorization", SCHEME + tokens.accessToken());
    }

    @Override
    public boolean renewAfterRejection(AuthHeader rejected) {
        tokens.invalidate(rejected.value().substring(SCHEME.length()));
        return true;
    }

    @Override
    public List<String> secrets() {
        return tokens.secrets();
    }
}
