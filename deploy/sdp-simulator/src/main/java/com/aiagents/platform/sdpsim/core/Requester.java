package com.aiagents.platform.sdpsim.core;

/** Who raised a request; the email may be null. */
public record Requester(String name, String email) {
}
