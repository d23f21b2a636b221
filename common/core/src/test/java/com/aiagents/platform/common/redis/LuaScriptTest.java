package com.aiagents.platform.common.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.testing.TestRedisExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** On a real Redis: the helpers and the script run as one, and a flushed script cache is no failure. */
class LuaScriptTest {
    @RegisterExtension
    static TestRedisExtension redis = new TestRedisExtension();

    private final LuaScript greet = LuaScript.fromResources(LuaScriptTest.class, "helpers.lua", "greet.lua");

    @Test
    void runsTheScriptWithTheHelpersBeforeIt() {
        try (Jedis jedis = redis.get().connect()) {
            assertThat(greet.run(jedis, List.of("greeting"), List.of("acme"))).isEqualTo("hello acme");
            assertThat(jedis.get("greeting")).isEqualTo("hello acme");
        }
    }

    @Test
    void loadsTheScriptAgainAfterRedisForgotIt() {
        try (Jedis jedis = redis.get().connect()) {
            greet.run(jedis, List.of("greeting"), List.of("first"));
            jedis.scriptFlush(); // as after a Redis restart
            assertThat(greet.run(jedis, List.of("greeting"), List.of("second"))).isEqualTo("hello second");
            assertThat(greet.run(jedis, List.of("greeting"), List.of("third"))).isEqualTo("hello third");
        }
    }

    @Test
    void aMissingScriptIsRefusedWhenLoadedNotWhenFirstRun() {
        assertThatThrownBy(() -> LuaScript.fromResources(LuaScriptTest.class, "helpers.lua", "absent.lua"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("absent.lua");
        assertThat(greet).hasToString("LuaScript[greet.lua]");
    }
}
