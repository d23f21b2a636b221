package com.aiagents.platform.worker.queue;

import com.aiagents.platform.common.redis.LuaScript;

/** The queue's Lua scripts (this package's resources), each with {@code common.lua}'s helpers before it. */
final class QueueScripts {
    private QueueScripts() {
    }

    static LuaScript load(String name) {
        return LuaScript.fromResources(QueueScripts.class, "common.lua", name);
    }
}
