package com.aiagents.platform.worker.queue;

import com.aiagents.platform.api.QueueNames;
import com.aiagents.platform.common.redis.LuaScript;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The upgrade to the {@code {enhancement_queue}} hash tag (docs/queue.md, "Upgrading"): the queue's
 * keys had untagged names ({@code enhancement_queue:dead}, {@code enhancement_queue:<tenant_id>} ...),
 * and what is left under them is moved to the tagged names ({@code untagged.lua}): dead letters and
 * delayed retries as they are, waiting jobs and the jobs of stopped old workers back to the ingress
 * list. Nothing to do on Redis Cluster, where the untagged scripts never ran.
 */
public final class UntaggedKeys {
    private static final Logger LOG = LoggerFactory.getLogger(UntaggedKeys.class);
    private static final LuaScript MIGRATE = QueueScripts.load("untagged.lua");
    private static final String OLD = QueueNames.UNTAGGED_PREFIX;

    private final UnifiedJedis redis;

    public UntaggedKeys(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** What a pass moved, and how many old workers still run (their jobs move once they stop). */
    public record Moved(long jobs, long oldWorkersAlive) {
    }

    public Moved migrate() {
        if (redis instanceof RedisClusterClient || redis.exists(OLD + "dead", OLD + "delayed", OLD + "workers",
                OLD + "tenants:known", OLD + "workers:claims") == 0) {
            return new Moved(0, 0);
        }
        List<String> workers = new ArrayList<>(redis.smembers(OLD + "workers"));
        List<String> tenants = new ArrayList<>(redis.smembers(OLD + "tenants:known"));
        List<String> keys = new ArrayList<>(List.of(OLD + "dead", QueueNames.DEAD, OLD + "delayed", QueueKeys.DELAYED,
                OLD + "workers:claims", QueueKeys.CLAIM_TOKENS, QueueNames.INGRESS, OLD + "workers",
                OLD + "tenants:known", OLD + "tenants", OLD + "inflight", OLD + "tenants:seq"));
        workers.forEach(w -> keys.addAll(List.of(OLD + "heartbeat:" + w, OLD + "processing:" + w, OLD + "dispatch:" + w)));
        tenants.forEach(t -> keys.add(OLD + t));
        List<String> args = new ArrayList<>(List.of(Integer.toString(workers.size())));
        args.addAll(workers);
        args.addAll(tenants);
        List<?> reply = (List<?>) MIGRATE.run(redis, keys, args);
        Moved moved = new Moved((Long) reply.get(0), (Long) reply.get(1));
        if (moved.jobs() > 0 || moved.oldWorkersAlive() > 0) {
            LOG.info("moved {} jobs from the queue's untagged key names to {{enhancement_queue}} ones; {} workers of the"
                    + " previous version still run", moved.jobs(), moved.oldWorkersAlive());
        }
        return moved;
    }
}
