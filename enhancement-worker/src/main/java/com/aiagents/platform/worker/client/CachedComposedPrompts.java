package com.aiagents.platform.worker.client;

import com.aiagents.platform.api.ComposedPrompt;
import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.client.TenantServiceClientConfig;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.CompletionException;

/**
 * Each tenant's composed prompt for the jobs, cached with the same lifetimes as its runtime config
 * ({@code tenantService.cacheTtl}, {@code tenantService.staleIfErrorFor}): a publish reaches the
 * worker within the TTL; after it, the next job triggers a refresh in the background and keeps
 * the prompt it has, also while tenant-service is down, up to stale-if-error; then the job fails
 * and is retried (a job never goes out without its tenant's rules). Concurrent misses of one
 * tenant share one call.
 */
public final class CachedComposedPrompts {
    private final LoadingCache<TenantId, ComposedPrompt> cache;

    public CachedComposedPrompts(ComposedPromptClient client, TenantServiceClientConfig config) {
        this(client, config, Ticker.systemTicker());
    }

    CachedComposedPrompts(ComposedPromptClient client, TenantServiceClientConfig config, Ticker ticker) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.getMaxCachedTenants())
                .refreshAfterWrite(config.getCacheTtl().toJavaDuration())
                .expireAfterWrite(config.getStaleIfErrorFor().toJavaDuration())
                .ticker(ticker)
                .build(client::fetch);
    }

    /** @throws RuntimeException what {@link ComposedPromptClient#fetch} threw, when nothing usable is cached */
    public ComposedPrompt forTenant(TenantId tenant) {
        try {
            return cache.get(tenant);
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
