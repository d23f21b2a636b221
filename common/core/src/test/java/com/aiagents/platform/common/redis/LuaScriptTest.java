package com.aiagents.platform.common.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.testing.TestRedisExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** On a real Redis: the helpers and the script run as one, and a flushed script cache is no failure. */
class LuaScriptTest {
    @RegisterExtension
    static TestRedisExtension redis = new TestRedisExtension();

    private final LuaScript greet = LuaScript.fromResources(LuaScriptTest.class, "helpers.lua", "greet.lua");

    @Test
    void runsTheScriptWithTheHelpersBeforeIt() {
        try (UnifiedJedis client = RedisClient.create(redis.get().url())) {
            assertThat(greet.run(client, List.of("greeting"), List.of("acme"))).isEqualTo("hello acme");
            assertThat(client.get("greeting")).isEqualTo("hello acme");
        }
    }

    @Test
    void loadsTheScriptAgainAfterRedisForgotIt() {
        try (UnifiedJedis client = RedisClient.create(redis.get().url())) {
            greet.run(client, List.of("greeting"), List.of("first"));
            client.scriptFlush("greeting"); // as after a Redis restart
            assertThat(greet.run(client, List.of("greeting"), List.of("second"))).isEqualTo("hello second");
            assertThat(greet.run(client, List.of("greeting"), List.of("third"))).isEqualTo("hello third");
        }
    }

    @Test
    void waitingForReplicasRunsTheScriptFirstAndReloadsItTooWhenForgotten() {
        try (UnifiedJedis client = RedisClient.create(redis.get().url())) {
            client.scriptFlush("greeting");
            LuaScript.Replicated done = greet.runThenWait(client, List.of("greeting"), List.of("waiting"), 1, 10);
            assertThat(done.reply()).isEqualTo("hello waiting");
            assertThat(client.get("greeting")).isEqualTo("hello waiting");
            assertThat(done.replicas()).as("the test's Redis has no replica: WAIT timed out with none").isZero();
        }
    }

    @Test
    void aMissingScriptIsRefusedWhenLoadedNotWhenFirstRun() {
        assertThatThrownBy(() -> LuaScript.fromResources(LuaScriptTest.class, "helpers.lua", "absent.lua"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("absent.lua");
        assertThat(greet).hasToString("LuaScript[greet.lua]");
    }
}
