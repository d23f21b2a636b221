package com.aiagents.platform.worker.context;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** An inventory entry the ticket names, by host name, address or service. */
public record AssetMatch(
        @JsonProperty("asset_id") String assetId,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("ip_address") String ipAddress,
        @JsonProperty("services") List<String> services,
        @JsonProperty("kind") String kind,
        @JsonProperty("environment") String environment,
        @JsonProperty("status") String status,
        @JsonProperty("owner") String owner) {
}
