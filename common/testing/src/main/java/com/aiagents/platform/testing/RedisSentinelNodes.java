package com.aiagents.platform.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;

/**
 * A Redis primary, one replica and three sentinels watching them (quorum 2), on {@code firstPort}
 * and the four ports after it, loopback only, for failover tests: {@link #kill} the primary (SIGKILL)
 * and the sentinels promote the replica; {@link #restart} brings a killed node back (as a replica
 * of whichever primary the sentinels then name).
 */
public final class RedisSentinelNodes extends RedisNodes {
    public static final String MASTER = "mymaster";

    private final int primaryPort;
    private final int replicaPort;
    private final List<Integer> sentinelPorts = new ArrayList<>();

    private RedisSentinelNodes(int firstPort) {
        super("sentinel");
        this.primaryPort = firstPort;
        this.replicaPort = firstPort + 1;
    }

    public static RedisSentinelNodes start(int firstPort) {
        RedisSentinelNodes nodes = new RedisSentinelNodes(firstPort);
        try {
            nodes.startData(nodes.primaryPort, null);
            nodes.startData(nodes.replicaPort, nodes.primaryPort);
            for (int port = firstPort + 2; port < firstPort + 5; port++) {
                nodes.start(port, List.of("sentinel monitor " + MASTER + " 127.0.0.1 " + nodes.primaryPort + " 2",
                        "sentinel down-after-milliseconds " + MASTER + " 1000",
                        "sentinel failover-timeout " + MASTER + " 5000",
                        "sentinel parallel-syncs " + MASTER + " 1"), true);
                nodes.sentinelPorts.add(port);
            }
            awaitTrue(Duration.ofSeconds(20), () -> nodes.replicaInSync(nodes.primaryPort), "the replica did not sync");
            return nodes;
        } catch (RuntimeException | Error e) {
            nodes.close();
            throw e;
        }
    }

    private void startData(int port, Integer replicaOf) {
        List<String> settings = new ArrayList<>(List.of("save \"\"", "appendonly no"));
        if (replicaOf != null) {
            settings.add("replicaof 127.0.0.1 " + replicaOf);
        }
        start(port, settings, false);
    }

    /** {@code host:port,...} of the sentinels: what REDIS_SENTINELS takes. */
    public String sentinels() {
        return sentinelPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    public List<Integer> dataPorts() {
        return List.of(primaryPort, replicaPort);
    }

    /** The port of the primary the sentinels name now. */
    public int currentPrimary() {
        try (Jedis sentinel = connect(sentinelPorts.get(0))) {
            return Integer.parseInt(sentinel.sentinelGetMasterAddrByName(MASTER).get(1));
        }
    }

    /** Restarts a killed data node as a replica of the current primary. */
    public void restart(int port) {
        startData(port, currentPrimary());
    }

    /** Whether the primary on {@code port} has a replica online whose offset has caught up. */
    public boolean replicaInSync(int port) {
        try (Jedis primary = connect(port)) {
            String info = primary.info("replication");
            return info.contains("role:master") && info.contains("connected_slaves:1") && info.contains("state=online");
        } catch (RuntimeException notYet) {
            return false;
        }
    }
}
