package com.aiagents.platform.gateway.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script shipped as a class-path resource, run by its SHA1 (EVALSHA) so the script text is
 * not sent with every request; after a Redis restart or SCRIPT FLUSH it falls back to EVAL once,
 * which also loads it again.
 */
final class RedisScript {
    private final String source;
    private final String sha1;

    private RedisScript(String source, String sha1) {
        this.source = source;
        this.sha1 = sha1;
    }

    static RedisScript fromResource(String name) {
        try (InputStream in = RedisScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing Lua script " + name);
            }
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new RedisScript(source, Sha256.sha1Hex(source.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Object run(Jedis jedis, List<String> keys, List<String> args) {
        try {
            return jedis.evalsha(sha1, keys, args);
        } catch (JedisNoScriptException notLoaded) {
            return jedis.eval(source, keys, args);
        }
    }
}
