package com.aiagents.platform.common.auth;

import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.common.tls.TrustedCa;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/** Reads tenant-service's JWKS (for nimbus' key cache) and its revoked-sessions feed, over the platform's TLS rules. */
final class TokenIssuerClient implements ResourceRetriever, RevokedSessions.Feed {
    static final String JWKS_PATH = ".well-known/jwks.json";
    static final String REVOKED_SESSIONS_PATH = "internal/v1/auth/revoked-sessions";
    /** A JWKS or a feed page larger than this is refused rather than read into memory. */
    private static final long MAX_BODY = 1024 * 1024;

    private final HttpUrl base;
    private final String authorization;
    private final OkHttpClient http;
    private final ObjectMapper json = JsonMapper.create();

    TokenIssuerClient(TokenIssuer issuer) {
        HttpUrl parsed = issuer.url() == null ? null : HttpUrl.parse(issuer.url().trim());
        if (parsed == null) {
            throw new IllegalArgumentException("the token issuer's URL (tenant-service) is not an http(s) URL");
        }
        TrustedCa.requireHttpsWhenTrusting(issuer.url(), issuer.tlsCaFile(), "the token issuer's URL (tenant-service)");
        this.base = parsed;
        this.authorization = issuer.serviceToken() == null || issuer.serviceToken().isBlank()
                ? null : "Bearer " + issuer.serviceToken();
        this.http = TrustedCa.trustOnly(new OkHttpClient.Builder(), issuer.tlsCaFile())
                .connectTimeout(Duration.ofSeconds(2))
                .callTimeout(Duration.ofSeconds(5))
                .followRedirects(false)
                .build();
    }

    URL jwksUrl() {
        return base.newBuilder().addPathSegments(JWKS_PATH).build().url();
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
            return new Resource(body(response, "the JWKS"), response.header("Content-Type"));
        }
    }

    @Override
    public RevokedSessions.Page read(Instant since) throws IOException {
        HttpUrl url = base.newBuilder().addPathSegments(REVOKED_SESSIONS_PATH)
                .addQueryParameter("since", since.toString()).build();
        Request.Builder request = new Request.Builder().url(url).get();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            return RevokedSessions.Page.parse(json, body(response, "the revoked-sessions feed"));
        }
    }

    private static String body(Response response, String what) throws IOException {
        if (response.code() != 200) {
            throw new IOException(what + " answered " + response.code());
        }
        BufferedSource source = response.body().source();
        if (source.request(MAX_BODY + 1)) {
            throw new IOException(what + " is larger than " + MAX_BODY + " bytes");
        }
        return source.getBuffer().readUtf8();
    }

    void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
