package com.aiagents.platform.worker.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code POST /v1/tenants/{tenant_id}/inventory}: up to 1,000 assets, upserted by asset_id. */
public record InventoryLoad(@JsonProperty("assets") @NotNull @Size(min = 1, max = 1000) List<@Valid @NotNull InventoryAssetInput> assets) {
}
