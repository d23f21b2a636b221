package com.aiagents.platform.gates.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Work that must happen once across every gates-runner replica, coordinated through the Redis
 * they share: one gate run per tenant at a time (a second replica asked for the same tenant
 * answers 409 like the first would), and one re-validation pass per interval (the replica that
 * takes the pass's lock runs it; the others skip it). A lock is a key set with NX and a TTL that
 * outlives the work it guards, holding a token only its holder knows, so a replica that stalls
 * past the TTL cannot release the lock another replica has since taken.
 */
public final class ReplicaLocks {
    /** Deletes the key only while it still holds the caller's token. */
    private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
            + "return redis.call('DEL', KEYS[1]) else return 0 end";
    private static final String PREFIX = "{gates-runner}:lock:";

    private final UnifiedJedis redis;

    public ReplicaLocks(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** The lock, or empty when another holder (this replica or another) has it. */
    public Optional<Lease> tryAcquire(String name, Duration ttl) {
        String token = UUID.randomUUID().toString();
        String reply = redis.set(PREFIX + name, token, SetParams.setParams().nx().px(Math.max(1, ttl.toMillis())));
        return "OK".equals(reply) ? Optional.of(new Lease(PREFIX + name, token)) : Optional.empty();
    }

    /** A held lock; closing it releases it if it is still ours. */
    public final class Lease implements AutoCloseable {
        private final String key;
        private final String token;

        private Lease(String key, String token) {
            this.key = key;
            this.token = token;
        }

        @Override
        public void close() {
            redis.eval(RELEASE, List.of(key), List.of(token));
        }
    }
}
