package com.aiagents.platform.common.auth;

/** A configured token as the authenticator keeps it: name, role and SHA-256, never the token. */
record TokenCredential(String name, Role role, byte[] sha256) {
}
