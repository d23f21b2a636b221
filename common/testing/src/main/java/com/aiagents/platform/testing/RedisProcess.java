package com.aiagents.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/** A redis-server process owned by one test, on a free port; it can be stopped and restarted. */
public final class RedisProcess {
    private final int port;
    private RedisServer server;

    private RedisProcess(int port) {
        this.port = port;
    }

    static RedisProcess start() {
        RedisProcess process = new RedisProcess(freePort());
        process.restart();
        return process;
    }

    public int port() {
        return port;
    }

    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (IOException e) {
                throw new UncheckedIOException("could not stop the test's redis-server", e);
            }
            server = null;
        }
    }

    public synchronized void restart() {
        stop();
        try {
            server = RedisServer.newRedisServer().port(port).setting("bind 127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a redis-server for the test", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
