package com.aiagents.platform.gates.health;

import com.codahale.metrics.health.HealthCheck;
import java.io.IOException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A peer service answers HTTP on its app port. Only the app URL of each peer is configured here,
 * and its endpoints want a token or a body, so any answer below 500 (a 401 or 404 included) counts:
 * the question is whether gates could reach the peer at all, not whether the request was complete.
 */
public final class PeerReachableHealthCheck extends HealthCheck {
    private final OkHttpClient client;
    private final HttpUrl url;
    private final String shown;

    public PeerReachableHealthCheck(OkHttpClient client, String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw new IllegalArgumentException("peer URL is not a valid http(s) URL");
        }
        this.url = parsed;
        this.shown = parsed.newBuilder().username("").password("").query(null).fragment(null).build().toString();
        Duration timeout = Duration.ofSeconds(2);
        this.client = client.newBuilder().callTimeout(timeout).connectTimeout(timeout).readTimeout(timeout)
                .retryOnConnectionFailure(false).build();
    }

    @Override
    protected Result check() {
        try (Response response = client.newCall(new Request.Builder().url(url).get().build()).execute()) {
            return response.code() < 500
                    ? Result.healthy("GET " + shown + " answered " + response.code())
                    : Result.unhealthy("GET " + shown + " answered " + response.code());
        } catch (IOException | RuntimeException e) {
            return Result.unhealthy("GET " + shown + " failed: " + e.getClass().getSimpleName());
        }
    }
}
