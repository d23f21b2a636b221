package com.aiagents.platform.sdpsim.api;

import com.aiagents.platform.sdpsim.core.AccessTokens;
import com.aiagents.platform.sdpsim.core.Faults;
import com.aiagents.platform.sdpsim.core.OAuthClient;
import com.aiagents.platform.sdpsim.core.SimInstance;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An instance as the {@code /sim} API shows it. Never shows the API key or the webhook secret;
 * the OAuth client secret and refresh token only in the reply that created the instance.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstanceView(
        @JsonProperty("name") String name,
        @JsonProperty("edition") String edition,
        @JsonProperty("base_url") String baseUrl,
        @JsonProperty("accounts_url") String accountsUrl,
        @JsonProperty("oauth") OAuthView oauth,
        @JsonProperty("webhook") WebhookView webhook,
        @JsonProperty("faults") FaultsView faults,
        @JsonProperty("stats") StatsView stats,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("accounts") Map<String, List<String>> accounts) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OAuthView(@JsonProperty("client_id") String clientId,
                            @JsonProperty("client_secret") String clientSecret,
                            @JsonProperty("refresh_token") String refreshToken,
                            @JsonProperty("access_token_ttl_seconds") long accessTokenTtlSeconds) {
    }

    public record WebhookView(@JsonProperty("url") String url, @JsonProperty("mode") String mode) {
    }

    public record FaultsView(@JsonProperty("latency_ms") int latencyMs,
                             @JsonProperty("error_rate") double errorRate,
                             @JsonProperty("rate_limit_burst") int rateLimitBurst,
                             @JsonProperty("retry_after_seconds") int retryAfterSeconds,
                             @JsonProperty("down") boolean down,
                             @JsonProperty("unavailable_burst") int unavailableBurst,
                             @JsonProperty("invalid_key") boolean invalidKey,
                             @JsonProperty("seed") Long seed) {

        static FaultsView of(Faults f) {
            return new FaultsView(f.latencyMs(), f.errorRate(), f.rateLimitBurst(), f.retryAfterSeconds(), f.down(),
                    f.unavailableBurst(), f.invalidKey(), f.seed());
        }
    }

    public record StatsView(@JsonProperty("requests") int requests,
                            @JsonProperty("notes") int notes,
                            @JsonProperty("api_calls") long apiCalls,
                            @JsonProperty("access_tokens_minted") Integer accessTokensMinted,
                            @JsonProperty("webhook_attempts") int webhookAttempts) {
    }

    /**
     * @param baseUrl            the instance's {@code servicedesk_url}
     * @param revealOAuthSecrets true only in the create reply
     */
    public static InstanceView of(SimInstance instance, String baseUrl, boolean revealOAuthSecrets) {
        OAuthView oauth = instance.oauth().map(c -> oauthView(c, revealOAuthSecrets)).orElse(null);
        WebhookView webhook = instance.webhook().map(w -> new WebhookView(w.url(), w.mode().wireName())).orElse(null);
        StatsView stats = new StatsView(instance.store().requestCount(), instance.store().noteCount(),
                instance.apiCalls(), instance.accessTokens().map(AccessTokens::mintedCount).orElse(null),
                instance.deliveries().snapshot().size());
        return new InstanceView(instance.name(), instance.edition().wireName(), baseUrl,
                oauth == null ? null : baseUrl, oauth, webhook, FaultsView.of(instance.faults().current()), stats,
                instance.createdAt().toString(), instance.accounts().isEmpty() ? null : instance.accounts().asMap());
    }

    private static OAuthView oauthView(OAuthClient client, boolean revealSecrets) {
        return new OAuthView(client.clientId(), revealSecrets ? client.clientSecret() : null,
                revealSecrets ? client.refreshToken() : null, client.accessTokenTtl().toSeconds());
    }
}
