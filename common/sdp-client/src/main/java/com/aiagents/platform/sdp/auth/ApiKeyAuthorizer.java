package com.aiagents.platform.sdp.auth;

import com.aiagents.platform.sdp.SdpCredentials;
import com.aiagents.platform.sdp.http.AuthHeader;
import com.aiagents.platform.sdp.http.RequestAuthorizer;
import java.util.List;

/** On-premises: the technician key in the {@code authtoken} header; nothing to renew. */
public final class ApiKeyAuthorizer implements RequestAuthorizer {

    private final SdpCredentials.ApiKey credentials;

    public ApiKeyAuthorizer(SdpCredentials.ApiKey credentials) {
        this.credentials = credentials;
    }

    @Override
    public AuthHeader current() {
        return new AuthHeader("authtoken", credentials.apiKey());
    }

    @Override
    public boolean renewAfterRejection(AuthHeader rejected) {
        return false;
    }

    @Override
    public List<String> secrets() {
        return credentials.secrets();
    }
}
