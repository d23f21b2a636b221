package com.aiagents.platform.sdpsim.core;

import com.aiagents.platform.sdpsim.errors.OAuthRefusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The Zoho side of a cloud instance: mints access tokens for its OAuth client's refresh token and
 * says which tokens are valid. Like Zoho, a refresh token may mint only 10 tokens in 10 minutes.
 */
public final class AccessTokens {

    static final int MINTS_PER_WINDOW = 10;
    static final Duration MINT_WINDOW = Duration.ofMinutes(10);

    /** A minted token and its lifetime in seconds, as the token endpoint reports it. */
    public record Grant(String accessToken, long expiresInSeconds) {
    }

    private final OAuthClient client;
    private final String staticToken;
    private final Clock clock;
    private final Map<String, Instant> validUntil = new HashMap<>();
    private final Deque<Instant> recentMints = new ArrayDeque<>();
    private int minted;

    /** @param staticToken a token accepted without minting (the instance's {@code api_key}), or null */
    public AccessTokens(OAuthClient client, String staticToken, Clock clock) {
        this.client = client;
        this.staticToken = staticToken;
        this.clock = clock;
    }

    public synchronized Grant mint(String grantType, String clientId, String clientSecret, String refreshToken) {
        if (!"refresh_token".equals(grantType)) {
            throw new OAuthRefusal(200, "unsupported_grant_type", "only grant_type=refresh_token is simulated");
        }
        if (!Secrets.matches(client.clientId(), clientId) || !Secrets.matches(client.clientSecret(), clientSecret)) {
            throw new OAuthRefusal(200, "invalid_client", "unknown client or wrong client secret");
        }
        if (!Secrets.matches(client.refreshToken(), refreshToken)) {
            throw new OAuthRefusal(200, "invalid_code", "unknown refresh token");
        }
        Instant now = clock.instant();
        while (!recentMints.isEmpty() && !recentMints.peekFirst().isAfter(now.minus(MINT_WINDOW))) {
            recentMints.removeFirst();
        }
        if (recentMints.size() >= MINTS_PER_WINDOW) {
            throw new OAuthRefusal(400, "Access Denied",
                    "You have made too many requests continuously. Please try again after some time.");
        }
        recentMints.addLast(now);
        minted++;
        String token = "1000." + Secrets.randomHex(16) + "." + Secrets.randomHex(16);
        validUntil.put(token, now.plus(client.accessTokenTtl()));
        return new Grant(token, client.accessTokenTtl().toSeconds());
    }

    public synchronized boolean accepts(String token) {
        if (token == null) {
            return false;
        }
        if (staticToken != null && Secrets.matches(staticToken, token)) {
            return true;
        }
        Instant until = validUntil.get(token);
        return until != null && clock.instant().isBefore(until);
    }

    /** Forgets every minted token, so clients must refresh (exercises the 401 path). */
    public synchronized void revokeAll() {
        validUntil.clear();
    }

    public synchronized int mintedCount() {
        return minted;
    }
}
