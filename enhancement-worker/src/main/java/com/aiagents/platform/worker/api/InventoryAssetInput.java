package com.aiagents.platform.worker.api;

import static com.aiagents.platform.worker.api.StoredText.NO_NUL;
import static com.aiagents.platform.worker.api.StoredText.NO_NUL_MESSAGE;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * One asset of a bulk inventory load: a host, its address and the services it runs, and on
 * ServiceDesk Plus MSP the customer account it belongs to (optional).
 */
public record InventoryAssetInput(
        @JsonProperty("asset_id") @NotBlank @Size(max = 200) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String assetId,
        @JsonProperty("hostname") @NotBlank @Size(max = 253)
        @Pattern(regexp = "^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$", message = "must be a host name") String hostname,
        @JsonProperty("ip_address") String ipAddress,
        @JsonProperty("services") @Size(max = 100)
        List<@NotBlank @Size(max = 100) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String> services,
        @JsonProperty("kind") @Size(max = 100) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String kind,
        @JsonProperty("environment") @Size(max = 100) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String environment,
        @JsonProperty("status") @Size(max = 100) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String status,
        @JsonProperty("owner") @Size(max = 200) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String owner,
        @JsonProperty("details") Map<String, Object> details,
        @JsonProperty("account") @Size(max = 200) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String account) {

    /** Checked here, not by a pattern: the {@code inet} cast would answer a 500 for what a pattern lets through. */
    @JsonIgnore
    @AssertTrue(message = "ip_address must be an IPv4 or IPv6 address")
    public boolean isIpAddressValid() {
        return ipAddress == null || StoredText.isIpLiteral(ipAddress);
    }
}
