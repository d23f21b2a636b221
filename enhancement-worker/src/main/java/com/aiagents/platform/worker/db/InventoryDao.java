package com.aiagents.platform.worker.db;

import com.aiagents.platform.worker.api.InventoryAssetInput;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Bulk upsert of {@code system_inventory}; service names are stored lower-case for matching. */
public final class InventoryDao {
    private final ObjectMapper json;

    public InventoryDao(ObjectMapper json) {
        this.json = json;
    }

    public int upsert(Handle h, List<InventoryAssetInput> assets) {
        if (assets.isEmpty()) {
            return 0;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO system_inventory (tenant_id, asset_id, hostname, ip_address, "
                + "services, kind, environment, status, owner, details, account) VALUES (current_setting('app.current_tenant_id', true), "
                + ":id, :hostname, CAST(:ip AS inet), :services, :kind, :environment, :status, :owner, CAST(:details AS jsonb), "
                + ":account) "
                + "ON CONFLICT (tenant_id, asset_id) DO UPDATE SET hostname = excluded.hostname, "
                + "ip_address = excluded.ip_address, services = excluded.services, kind = excluded.kind, "
                + "environment = excluded.environment, status = excluded.status, owner = excluded.owner, "
                + "details = excluded.details, account = excluded.account, updated_at = now()");
        for (InventoryAssetInput a : assets) {
            List<String> services = a.services() == null ? List.of()
                    : a.services().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
            batch.bind("id", a.assetId()).bind("hostname", a.hostname()).bind("ip", a.ipAddress())
                    .bindArray("services", String.class, services).bind("kind", a.kind())
                    .bind("environment", a.environment()).bind("status", a.status()).bind("owner", a.owner())
                    .bind("details", toJson(a.details())).bind("account", a.account()).add();
        }
        batch.execute();
        return assets.size();
    }

    private String toJson(Map<String, Object> details) {
        try {
            return json.writeValueAsString(details == null ? Map.of() : details);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("details must be a JSON object", e);
        }
    }
}
