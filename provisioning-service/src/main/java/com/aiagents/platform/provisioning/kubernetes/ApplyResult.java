package com.aiagents.platform.provisioning.kubernetes;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.Tier;
import java.util.List;
import java.util.Objects;

/** What {@link KubernetesProvisioner#apply} did, one entry per object touched or checked. */
public record ApplyResult(TenantId tenantId, Tier tier, List<Change> changes) {

    public enum Action { CREATED, UPDATED, UNCHANGED, DELETED }

    public record Change(ObjectRef ref, Action action) {
        public Change {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(action, "action");
        }
    }

    public ApplyResult {
        changes = List.copyOf(changes);
    }

    /** False when the tenant already had exactly what it should: applying again changes nothing. */
    public boolean changed() {
        return changes.stream().anyMatch(c -> c.action() != Action.UNCHANGED);
    }
}
