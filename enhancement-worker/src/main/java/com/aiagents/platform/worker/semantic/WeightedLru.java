package com.aiagents.platform.worker.semantic;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A cache bounded by the sum of its values' weights, evicting the least recently used, with one
 * load per key at a time. Not Caffeine: its admission policy (TinyLFU) keeps a newly loaded entry
 * out while the cached ones are used more often, which with a handful of large entries (a few
 * tenants of ~48 MiB each) meant loading the same tenant again on every ticket of its burst;
 * plain recency is right when a tenant's tickets come in runs.
 */
final class WeightedLru<V> {
    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    private final LinkedHashMap<String, V> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, CompletableFuture<V>> loading = new ConcurrentHashMap<>();
    private long weight;

    WeightedLru(long maxWeight, ToLongFunction<V> weigher) {
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    V getIfPresent(String key) {
        synchronized (entries) {
            return entries.get(key);
        }
    }

    /** The cached value, or the one {@code loader} makes (concurrent callers for a key share one load). */
    V get(String key, Function<String, V> loader) {
        V cached = getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = loading.putIfAbsent(key, mine);
        if (running != null) {
            return running.join();
        }
        try {
            V value = loader.apply(key);
            put(key, value);
            mine.complete(value);
            return value;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(key, mine);
        }
    }

    /** Adds or re-weighs {@code key}, then evicts the least recently used until the bound holds (never the newest). */
    void put(String key, V value) {
        synchronized (entries) {
            V old = entries.put(key, value);
            if (old != null) {
                weight -= weigher.applyAsLong(old);
            }
            weight += weigher.applyAsLong(value);
            Iterator<Map.Entry<String, V>> eldest = entries.entrySet().iterator();
            while (weight > maxWeight && entries.size() > 1) {
                Map.Entry<String, V> e = eldest.next();
                if (e.getKey().equals(key)) {
                    continue;
                }
                weight -= weigher.applyAsLong(e.getValue());
                eldest.remove();
            }
        }
    }

    long weight() {
        synchronized (entries) {
            return weight;
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
