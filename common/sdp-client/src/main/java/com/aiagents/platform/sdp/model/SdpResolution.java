package com.aiagents.platform.sdp.model;

import java.time.Instant;

/** The resolution of a request; only returned when it has content. */
public record SdpResolution(String contentHtml, Instant submittedAt, String submittedByName) {
}
