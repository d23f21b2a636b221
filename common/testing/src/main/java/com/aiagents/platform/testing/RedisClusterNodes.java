package com.aiagents.platform.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;

/**
 * A Redis Cluster of three primaries (no replicas) on {@code firstPort} and the two ports after it,
 * loopback only: {@code redis-server --cluster-enabled yes} each, joined by
 * {@code redis-cli --cluster create}. For tests that must show the platform works on a cluster.
 */
public final class RedisClusterNodes extends RedisNodes {
    private final List<Integer> ports = new ArrayList<>();

    private RedisClusterNodes() {
        super("cluster");
    }

    public static RedisClusterNodes start(int firstPort) {
        RedisClusterNodes cluster = new RedisClusterNodes();
        try {
            for (int port = firstPort; port < firstPort + 3; port++) {
                cluster.start(port, List.of("cluster-enabled yes", "cluster-config-file nodes.conf",
                        "cluster-node-timeout 2000", "save \"\"", "appendonly no"), false);
                cluster.ports.add(port);
            }
            List<String> create = new ArrayList<>(List.of(cliBinary(), "--cluster", "create"));
            cluster.ports.forEach(p -> create.add("127.0.0.1:" + p));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            run(create);
            awaitTrue(Duration.ofSeconds(20), cluster::allOk, "the cluster did not reach cluster_state:ok");
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** {@code host:port,host:port,host:port}: what REDIS_CLUSTER_NODES takes. */
    public String seeds() {
        return ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    /** Empties every node (between tests). */
    public void flushAll() {
        for (int port : ports) {
            try (Jedis jedis = connect(port)) {
                jedis.flushAll();
            }
        }
    }

    private boolean allOk() {
        for (int port : ports) {
            try (Jedis jedis = connect(port)) {
                if (!jedis.clusterInfo().contains("cluster_state:ok")) {
                    return false;
                }
            } catch (RuntimeException notYet) {
                return false;
            }
        }
        return true;
    }
}
