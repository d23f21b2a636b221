package com.aiagents.platform.sdp.http;

/** The one header that authenticates a call; {@code toString()} hides the value. */
public record AuthHeader(String name, String value) {
    @Override
    public String toString() {
        return "AuthHeader[" + name + "=***]";
    }
}
