package com.aiagents.platform.worker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** One asset of a bulk inventory load: a host, its address and the services it runs. */
public record InventoryAssetInput(
        @JsonProperty("asset_id") @NotBlank @Size(max = 200) String assetId,
        @JsonProperty("hostname") @NotBlank @Size(max = 253)
        @Pattern(regexp = "^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$", message = "must be a host name") String hostname,
        @JsonProperty("ip_address")
        @Pattern(regexp = "^(((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)|[0-9A-Fa-f:]{2,39})$", message = "must be an IPv4 or IPv6 address")
        String ipAddress,
        @JsonProperty("services") @Size(max = 100) List<@NotBlank @Size(max = 100) String> services,
        @JsonProperty("kind") @Size(max = 100) String kind,
        @JsonProperty("environment") @Size(max = 100) String environment,
        @JsonProperty("status") @Size(max = 100) String status,
        @JsonProperty("owner") @Size(max = 200) String owner,
        @JsonProperty("details") Map<String, Object> details) {
}
