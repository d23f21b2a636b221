package com.aiagents.platform.common.db;

/**
 * What gate 1 made of one SECURITY DEFINER function: {@code probed}, {@code declared_safe},
 * {@code not_executable} (the connected role may not call it), {@code undecided} or {@code probe_error}.
 */
public record DefinerFunctionResult(String function, String result, String detail) {
}
