package com.aiagents.platform.common.health;

import com.codahale.metrics.health.HealthCheck;
import java.io.IOException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** A peer service is up: {@code GET} its health URL answers 2xx within a short timeout. */
public final class HttpDependencyHealthCheck extends HealthCheck {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private final OkHttpClient client;
    private final HttpUrl url;
    private final String shownUrl;

    public HttpDependencyHealthCheck(OkHttpClient client, String url) {
        this(client, url, DEFAULT_TIMEOUT);
    }

    public HttpDependencyHealthCheck(OkHttpClient client, String url, Duration timeout) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw new IllegalArgumentException("health check URL is not a valid http(s) URL");
        }
        this.url = parsed;
        // user info and query may hold credentials; the health check output must not
        this.shownUrl = parsed.newBuilder().username("").password("").query(null).fragment(null).build().toString();
        this.client = client.newBuilder()
                .callTimeout(timeout)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .retryOnConnectionFailure(false)
                .build();
    }

    @Override
    protected Result check() {
        try (Response response = client.newCall(new Request.Builder().url(url).get().build()).execute()) {
            if (response.isSuccessful()) {
                return Result.healthy("GET " + shownUrl + " answered " + response.code());
            }
            return Result.unhealthy("GET " + shownUrl + " answered " + response.code());
        } catch (IOException | RuntimeException e) {
            return Result.unhealthy("GET " + shownUrl + " failed: " + Failures.describe(e));
        }
    }
}
