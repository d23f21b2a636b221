package com.aiagents.platform.worker.erasure;

import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.api.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.commands.JedisCommands;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Removes every Redis trace of an erased tenant (docs/runbooks/offboarding.md): the keys that are
 * the tenant's (its queue list, deferred lane, rate-limit and dedup state, LLM token counters) are
 * deleted, and the tenant's entries in shared structures (the ingress list, dead letters, retries,
 * processing and dispatch lists, the round-robin ring, in-flight counts, the deferred-tenant index)
 * are removed.
 *
 * <p>Driven by the keyspace, not by a list of key names: the queue, the gateway and later features
 * name their keys in their own classes, and a key added there is found here as long as it lives
 * under the queue's prefixes and puts the tenant id after its namespace. A key is the tenant's when
 * the tenant id is its second or third {@code :}-part and no shared namespace precedes it; the
 * shared namespaces are the words {@link TenantId#RESERVED} keeps from tenants, so, e.g., tenant
 * {@code known} never owns {@code {enhancement_queue}:tenants:known}. Run only for a tenant that is
 * no longer accepted anywhere (offboarding, past its grace period), so nothing re-creates its keys.
 */
public final class TenantRedisErasure {
    /** Where the platform's keys live: the queue's hash tag, its untagged names, the gateway's old names. */
    private static final List<String> SCOPES = List.of(
            "{" + QueueNames.INGRESS + "}*", QueueNames.INGRESS + "*", "webhook_*");
    private static final int SCAN_COUNT = 500;

    private final ObjectMapper json;

    public TenantRedisErasure(ObjectMapper json) {
        this.json = json;
    }

    /** What one erasure removed. */
    public record Result(String tenantId, int keysDeleted, int entriesRemoved) {
    }

    public Result erase(JedisCommands redis, TenantId tenant) {
        int keys = 0;
        int entries = 0;
        for (String key : keysInScope(redis)) {
            if (ownedBy(key, tenant)) {
                keys += (int) redis.del(key);
            } else {
                entries += removeEntries(redis, key, tenant);
            }
        }
        return new Result(tenant.value(), keys, entries);
    }

    /** True when {@code key} belongs to {@code tenant} alone (see the class comment). */
    static boolean ownedBy(String key, TenantId tenant) {
        String[] parts = key.split(":", -1);
        for (int i = 1; i < parts.length && i <= 2; i++) {
            if (parts[i].equals(tenant.value())) {
                return true;
            }
            if (TenantId.RESERVED.contains(parts[i])) {
                return false;
            }
        }
        return false;
    }

    private static Set<String> keysInScope(JedisCommands redis) {
        Set<String> keys = new LinkedHashSet<>();
        for (String scope : SCOPES) {
            if (!scope.startsWith("{") && redis instanceof redis.clients.jedis.RedisClusterClient) {
                continue; // a cluster scans by hash tag only; the worker moved the untagged keys at start
            }
            ScanParams params = new ScanParams().match(scope).count(SCAN_COUNT);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = redis.scan(cursor, params);
                keys.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        }
        return keys;
    }

    /** The tenant's entries in a shared structure: its id as a member or field, or a job of it. */
    private int removeEntries(JedisCommands redis, String key, TenantId tenant) {
        String type = redis.type(key);
        int removed = 0;
        switch (type) {
            case "list" -> {
                for (String entry : redis.lrange(key, 0, -1)) {
                    if (isJobOf(entry, tenant)) {
                        removed += (int) redis.lrem(key, 0, entry);
                    }
                }
            }
            case "zset" -> {
                List<String> members = new ArrayList<>();
                for (String member : redis.zrange(key, 0, -1)) {
                    if (member.equals(tenant.value()) || isJobOf(member, tenant)) {
                        members.add(member);
                    }
                }
                if (!members.isEmpty()) {
                    removed += (int) redis.zrem(key, members.toArray(String[]::new));
                }
            }
            case "hash" -> removed += (int) redis.hdel(key, tenant.value());
            case "set" -> removed += (int) redis.srem(key, tenant.value());
            default -> {
                // strings are counters and locks of the platform itself; nothing of a tenant
            }
        }
        return removed;
    }

    /** A queued job (JSON with {@code tenant_id}) of this tenant; anything else is left alone. */
    private boolean isJobOf(String entry, TenantId tenant) {
        if (!entry.startsWith("{") || !entry.contains(tenant.value())) {
            return false;
        }
        try {
            JsonNode job = json.readTree(entry);
            return tenant.value().equals(job.path("tenant_id").asText(null));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
