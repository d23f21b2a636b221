package com.aiagents.platform.sdpsim.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The reply to seeding: how many requests were created and their ids. */
public record SeedResult(@JsonProperty("created") int created,
                         @JsonProperty("request_ids") List<String> requestIds) {
}
