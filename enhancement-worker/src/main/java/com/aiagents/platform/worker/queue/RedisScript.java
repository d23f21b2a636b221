package com.aiagents.platform.worker.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script of this package (with {@code common.lua}'s helpers prepended), run by SHA1 with
 * EVALSHA; after a Redis restart or SCRIPT FLUSH it falls back to EVAL once, which reloads it.
 * Each script is one atomic step: a crash between two of its commands cannot happen.
 */
final class RedisScript {
    private static final String COMMON = read("common.lua");

    private final String name;
    private final String source;
    private final String sha1;

    private RedisScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha1 = sha1Hex(source);
    }

    static RedisScript load(String name) {
        return new RedisScript(name, COMMON + "\n" + read(name));
    }

    Object run(Jedis jedis, List<String> keys, List<String> args) {
        try {
            return jedis.evalsha(sha1, keys, args);
        } catch (JedisNoScriptException notLoaded) {
            return jedis.eval(source, keys, args);
        }
    }

    @Override
    public String toString() {
        return "RedisScript[" + name + "]";
    }

    private static String read(String name) {
        try (InputStream in = RedisScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing Lua script " + name);
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
