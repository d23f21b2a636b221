package com.aiagents.platform.sdpsim.core;

/** A {@code PUT requests/{id}}: every null field stays as it is. */
public record RequestChanges(String subject, String description, String priority, String status,
                             String resolution) {
}
