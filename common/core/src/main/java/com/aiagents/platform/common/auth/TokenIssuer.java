package com.aiagents.platform.common.auth;

/**
 * Where people's access tokens come from: tenant-service's app URL (its JWKS at
 * {@code /.well-known/jwks.json} is public; its revoked-sessions feed at
 * {@code /internal/v1/auth/revoked-sessions} takes the calling service's own token).
 *
 * @param url          tenant-service's base URL, as the service already has it for its other calls
 * @param serviceToken the calling service's own token for the feed; null where the service has none
 * @param tlsCaFile    the CA trusted for the platform's own services (PLATFORM_TLS_CA_FILE), or null
 */
public record TokenIssuer(String url, String serviceToken, String tlsCaFile) {
    @Override
    public String toString() {
        return "TokenIssuer[url=" + url + "]"; // never the token
    }
}
