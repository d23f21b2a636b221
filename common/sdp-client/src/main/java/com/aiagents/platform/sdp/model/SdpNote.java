package com.aiagents.platform.sdp.model;

import java.time.Instant;

/** A note on a request. Fields other than {@code id} may be null. */
public record SdpNote(String id, String descriptionHtml, boolean showToRequester,
                      String addedByName, Instant addedAt) {
}
