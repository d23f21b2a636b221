package com.aiagents.platform.common.redis;

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
 * A Lua script shipped as class-path resources, run by its SHA1 (EVALSHA) so the text is not sent
 * with every call; after a Redis restart or SCRIPT FLUSH it falls back to EVAL once, which loads it
 * again. A script is one atomic step in Redis: nothing can run, or crash, between its commands.
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

    public Object run(Jedis jedis, List<String> keys, List<String> args) {
        try {
            return jedis.evalsha(sha1, keys, args);
        } catch (JedisNoScriptException notLoaded) {
            return jedis.eval(source, keys, args);
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
