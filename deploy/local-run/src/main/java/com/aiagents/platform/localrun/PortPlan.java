package com.aiagents.platform.localrun;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** The application and admin port of every service, plus PostgreSQL's and Redis's (0: any free port). */
public final class PortPlan {
    /** Application and admin port of one service. */
    public record Ports(int app, int admin) {
    }

    static final int FIRST_PLANNED_PORT = 20000;
    static final int LAST_PLANNED_PORT = 32000;

    private final Map<String, Ports> services;
    private final int postgres;
    private final int redis;

    private PortPlan(Map<String, Ports> services, int postgres, int redis) {
        this.services = Map.copyOf(services);
        this.postgres = postgres;
        this.redis = redis;
    }

    /** docs/architecture.md ports; PostgreSQL and Redis on free ports (the machine may run its own on 5432/6379). */
    public static PortPlan defaults() {
        return offset(0);
    }

    /** The services' documented ports (docs/architecture.md) plus {@code offset}, to run beside another copy of the platform. */
    public static PortPlan offset(int offset) {
        Map<String, Ports> ports = new LinkedHashMap<>();
        for (ServiceSpec spec : ServiceCatalog.ALL) {
            ports.put(spec.name(), new Ports(spec.appPort() + offset, spec.adminPort() + offset));
        }
        return new PortPlan(ports, 0, 0);
    }

    /** Free ports for everything, between 20000 and 32000: outside the documented 8080-8090 and 9080-9090 (tests) and the ephemeral range. */
    public static PortPlan free() {
        Set<Integer> taken = new HashSet<>();
        Map<String, Ports> ports = new LinkedHashMap<>();
        for (ServiceSpec spec : ServiceCatalog.ALL) {
            ports.put(spec.name(), new Ports(freePort(taken), freePort(taken)));
        }
        return new PortPlan(ports, freePort(taken), freePort(taken));
    }

    /** The same service ports with fixed PostgreSQL and Redis ports (0: any free port). */
    public PortPlan withInfrastructure(int postgresPort, int redisPort) {
        return new PortPlan(services, postgresPort, redisPort);
    }

    public Ports of(String service) {
        Ports ports = services.get(service);
        if (ports == null) {
            throw new IllegalArgumentException("no ports planned for " + service);
        }
        return ports;
    }

    /** 0 means: let the embedded server choose. */
    public int postgres() {
        return postgres;
    }

    public int redis() {
        return redis;
    }

    public List<Integer> servicePorts() {
        return services.values().stream().flatMap(p -> List.of(p.app(), p.admin()).stream()).toList();
    }

    public static boolean inUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Below Linux's ephemeral range (32768-60999 by default) on purpose: a port the kernel hands out
     * for "any free port" is also what it hands out as the source port of outgoing connections, so
     * between this check and the service binding it, any client on the machine could take it (seen
     * under load: a service failed to start with "Address already in use").
     */
    private static int freePort(Set<Integer> taken) {
        int span = LAST_PLANNED_PORT - FIRST_PLANNED_PORT + 1;
        int start = ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span; i++) {
            int port = FIRST_PLANNED_PORT + (start + i) % span;
            if (taken.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                taken.add(port);
                return socket.getLocalPort();
            } catch (IOException busy) {
                // in use: try the next one
            }
        }
        throw new IllegalStateException("no free port between " + FIRST_PLANNED_PORT + " and " + LAST_PLANNED_PORT);
    }
}
