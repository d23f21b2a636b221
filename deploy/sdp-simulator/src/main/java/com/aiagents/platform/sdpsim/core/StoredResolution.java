package com.aiagents.platform.sdpsim.core;

import java.time.Instant;

/** The resolution text of a request and who wrote it when. */
public record StoredResolution(String content, Instant submittedAt, String submittedBy) {
}
