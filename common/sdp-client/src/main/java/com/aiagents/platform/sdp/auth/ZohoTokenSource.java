package com.aiagents.platform.sdp.auth;

import com.aiagents.platform.sdp.SdpCredentials;
import com.aiagents.platform.sdp.SdpErrorKind;
import com.aiagents.platform.sdp.SdpException;
import com.aiagents.platform.sdp.http.BoundedReplies;
import com.aiagents.platform.sdp.http.SecretRedactor;
import com.aiagents.platform.sdp.http.TransportFailures;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One tenant's Zoho access token: minted with the refresh token at
 * {@code {accounts_url}/oauth/v2/token}, cached until shortly before it expires, and minted at most
 * once at a time however many threads ask (a refresh token may mint only a few tokens per window).
 */
public final class ZohoTokenSource {

    private static final long DEFAULT_EXPIRES_IN_SECONDS = 3600;
    private static final int MAX_ERROR_CODE_LENGTH = 80;

    private final OkHttpClient http;
    private final ObjectMapper json;
    private final String tenantId;
    private final SdpCredentials.ZohoOAuth credentials;
    private final HttpUrl tokenUrl;
    private final Duration refreshMargin;
    private final TokenMintBudget budget;
    private final Clock clock;
    private final String userAgent;
    private final long maxReplyBytes;
    private final SecretRedactor redactor = new SecretRedactor(this::secrets);

    /** Read without the lock so redacting a message never waits for a mint in progress. */
    private volatile CachedToken cached;
    /** Still scrubbed from messages: SDP may echo the token it just rejected. */
    private volatile String lastRejected;

    private record CachedToken(String value, Instant renewAt) {
    }

    public ZohoTokenSource(OkHttpClient http, ObjectMapper json, String tenantId,
                           SdpCredentials.ZohoOAuth credentials, Duration refreshMargin,
                           TokenMintBudget budget, Clock clock, String userAgent, long maxReplyBytes) {
        this.http = http;
        this.json = json;
        this.tenantId = tenantId;
        this.credentials = credentials;
        this.tokenUrl = HttpUrl.get(credentials.accountsUrl()).newBuilder().addPathSegments("oauth/v2/token").build();
        this.refreshMargin = refreshMargin;
        this.budget = budget;
        this.clock = clock;
        this.userAgent = userAgent;
        this.maxReplyBytes = maxReplyBytes;
    }

    /** A valid access token, minting one if none is cached or the cached one is about to expire. */
    public synchronized String accessToken() {
        CachedToken current = cached;
        if (current != null && clock.instant().isBefore(current.renewAt())) {
            return current.value();
        }
        cached = mint();
        return cached.value();
    }

    /** SDP rejected {@code token}: forget it, unless another thread already replaced it. */
    public synchronized void invalidate(String token) {
        CachedToken current = cached;
        if (current != null && current.value().equals(token)) {
            cached = null;
        }
        lastRejected = token;
    }

    public Optional<String> cachedToken() {
        CachedToken current = cached;
        return current == null ? Optional.empty() : Optional.of(current.value());
    }

    /** The client secret, the refresh token and the current and last rejected access tokens. */
    public List<String> secrets() {
        List<String> all = new ArrayList<>(credentials.secrets());
        cachedToken().ifPresent(all::add);
        String rejected = lastRejected;
        if (rejected != null) {
            all.add(rejected);
        }
        return all;
    }

    private CachedToken mint() {
        if (!budget.tryAcquire()) {
            Duration wait = budget.untilNextSlot();
            throw new SdpException(SdpErrorKind.RATE_LIMITED, tenantId,
                    "Zoho access-token refresh for tenant '" + tenantId + "' not attempted: the refresh "
                            + "token already minted its allowance in this window; next slot in "
                            + wait.toSeconds() + "s", 0, null, wait);
        }
        Request request = new Request.Builder()
                .url(tokenUrl)
                .header("Accept", "application/json")
                .header("User-Agent", userAgent)
                .post(new FormBody.Builder()
                        .add("grant_type", "refresh_token")
                        .add("client_id", credentials.clientId())
                        .add("client_secret", credentials.clientSecret())
                        .add("refresh_token", credentials.refreshToken())
                        .build())
                .build();
        try (Response response = http.newCall(request).execute()) {
            return interpret(response.code(), BoundedReplies.read(response.body(), maxReplyBytes));
        } catch (BoundedReplies.TooLarge e) {
            throw new SdpException(SdpErrorKind.MALFORMED_RESPONSE, tenantId,
                    "Zoho access-token refresh for tenant '" + tenantId + "' failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw TransportFailures.of(tenantId, "Zoho access-token refresh", e, redactor);
        }
    }

    private CachedToken interpret(int httpStatus, String bodyText) {
        JsonNode body = parseOrNull(bodyText);
        if (httpStatus >= 500) {
            throw failure(SdpErrorKind.SERVER_ERROR, httpStatus, "the accounts server had an error", body);
        }
        if (httpStatus >= 300 && httpStatus < 400) {
            throw failure(SdpErrorKind.AUTHENTICATION, httpStatus,
                    "the accounts server answered a redirect, which is not followed (check accounts_url)", null);
        }
        if (httpStatus < 200 || httpStatus >= 300) {
            throw failure(SdpErrorKind.AUTHENTICATION, httpStatus, "the accounts server refused the refresh", body);
        }
        if (body == null || !body.isObject()) {
            throw failure(SdpErrorKind.MALFORMED_RESPONSE, httpStatus, "the reply is not a JSON object", null);
        }
        if (body.hasNonNull("error")) {
            // Zoho reports a bad refresh token or client as HTTP 200 {"error":"invalid_code"}.
            throw failure(SdpErrorKind.AUTHENTICATION, httpStatus, "the accounts server refused the refresh", body);
        }
        JsonNode token = body.get("access_token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw failure(SdpErrorKind.MALFORMED_RESPONSE, httpStatus, "the reply has no access_token", null);
        }
        long expiresIn = body.path("expires_in").asLong(DEFAULT_EXPIRES_IN_SECONDS);
        Duration lifetime = Duration.ofSeconds(expiresIn > 0 ? expiresIn : DEFAULT_EXPIRES_IN_SECONDS);
        Duration margin = refreshMargin.compareTo(lifetime.dividedBy(2)) < 0 ? refreshMargin : lifetime.dividedBy(2);
        return new CachedToken(token.asText(), clock.instant().plus(lifetime).minus(margin));
    }

    private SdpException failure(SdpErrorKind kind, int httpStatus, String what, JsonNode body) {
        String message = "Zoho access-token refresh for tenant '" + tenantId + "' failed: " + what
                + " (HTTP " + httpStatus + errorCodeOf(body) + ")";
        return new SdpException(kind, tenantId, redactor.redact(message), httpStatus, null, null);
    }

    private static String errorCodeOf(JsonNode body) {
        if (body == null || !body.hasNonNull("error")) {
            return "";
        }
        String code = body.get("error").asText();
        return ", error: " + (code.length() > MAX_ERROR_CODE_LENGTH ? code.substring(0, MAX_ERROR_CODE_LENGTH) : code);
    }

    private JsonNode parseOrNull(String text) {
        try {
            return text.isBlank() ? null : json.readTree(text);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }
}
