package com.aiagents.platform.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The application and admin port of every service, plus PostgreSQL's and Redis's (0: any free port). */
public final class PortPlan {
    /** Application and admin port of one service. */
    public record Ports(int app, int admin) {
    }

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

    /** Free ports for everything, none in the documented ranges 8080-8090 and 9080-9090 (tests). */
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

    private static int freePort(Set<Integer> taken) {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                boolean contractRange = (port >= 8080 && port <= 8090) || (port >= 9080 && port <= 9090);
                if (!contractRange && taken.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port", e);
            }
        }
        throw new IllegalStateException("no free port found in 100 attempts");
    }
}
