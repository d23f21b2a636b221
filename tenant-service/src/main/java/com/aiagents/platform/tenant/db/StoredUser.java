package com.aiagents.platform.tenant.db;

import java.time.Instant;
import java.util.UUID;

/** A {@code users} row as the API shows it: no password hash. */
public record StoredUser(UUID id, String email, String role, String tenantId, Instant createdAt, boolean disabled) {
}
