package com.aiagents.platform.common.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script shipped as class-path resources, run by its SHA1 (EVALSHA) so the text is not sent
 * with every call; after a Redis restart or SCRIPT FLUSH it falls back to EVAL once, which loads it
 * again. A script is one atomic step in Redis: nothing can run, or crash, between its commands.
 * Every key a script touches is passed in {@code keys}: on Redis Cluster they must all hash to one
 * slot (the queue's keys share the {@code {enhancement_queue}} hash tag), which the client checks.
 */
public final class LuaScript {
    private final String name;
    private final String source;
    private final String sha1;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha1 = sha1Hex(source);
    }

    /**
     * The resources {@code names}, next to {@code anchor}'s class file, joined in order into one
     * script (shared helpers first, then the script itself); named after the last.
     */
    public static LuaScript fromResources(Class<?> anchor, String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("no script named");
        }
        StringBuilder source = new StringBuilder();
        for (String part : names) {
            source.append(read(anchor, part)).append('\n');
        }
        return new LuaScript(names[names.length - 1], source.toString());
    }

    public Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(sha1, keys, args);
        } catch (JedisNoScriptException notLoaded) {
            return redis.eval(source, keys, args);
        }
    }

    /** The script's reply and how many replicas acknowledged its writes within the wait. */
    public record Replicated(Object reply, long replicas) {
    }

    /**
     * Runs the script, then {@code WAIT replicas timeout} on the same connection (a pipeline keeps
     * them on one connection, to the node that holds {@code keys[0]}'s slot): WAIT counts the
     * replicas that acknowledged this connection's writes. It cannot run inside the script, where it
     * does not block.
     */
    public Replicated runThenWait(UnifiedJedis redis, List<String> keys, List<String> args, int replicas,
                                  long timeoutMillis) {
        Replicated done = pipelineThenWait(redis, keys, args, replicas, timeoutMillis, false);
        return done != null ? done : pipelineThenWait(redis, keys, args, replicas, timeoutMillis, true);
    }

    /** Null when the server did not know the script by its SHA1 (then the caller sends the source). */
    private Replicated pipelineThenWait(UnifiedJedis redis, List<String> keys, List<String> args, int replicas,
                                        long timeoutMillis, boolean withSource) {
        Response<Object> reply;
        Response<Long> acknowledged;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            reply = withSource ? pipeline.eval(source, keys, args) : pipeline.evalsha(sha1, keys, args);
            acknowledged = pipeline.waitReplicas(keys.get(0), replicas, timeoutMillis);
            pipeline.sync();
        }
        try {
            return new Replicated(reply.get(), acknowledged.get());
        } catch (JedisNoScriptException notLoaded) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "LuaScript[" + name + "]";
    }

    private static String read(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing Lua script " + name + " beside " + anchor.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is always available", e);
        }
    }
}
