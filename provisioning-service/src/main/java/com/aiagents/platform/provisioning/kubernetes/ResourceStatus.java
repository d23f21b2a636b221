package com.aiagents.platform.provisioning.kubernetes;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.Tier;
import java.util.List;

/**
 * A tenant's objects compared with what its tier should have: first every desired object in
 * creation order, then any {@link ObjectStatus.State#LEFTOVER} of the other tier.
 */
public record ResourceStatus(TenantId tenantId, Tier tier, List<ObjectStatus> objects) {

    public ResourceStatus {
        objects = List.copyOf(objects);
    }

    /**
     * True when every desired object is present as desired (or delivered out of band) and nothing
     * of the other tier is left.
     */
    public boolean converged() {
        return problems().isEmpty();
    }

    /** The objects that are neither {@link ObjectStatus.State#PRESENT} nor {@link ObjectStatus.State#EXTERNAL}. */
    public List<ObjectStatus> problems() {
        return objects.stream().filter(o -> o.state() != ObjectStatus.State.PRESENT
                && o.state() != ObjectStatus.State.EXTERNAL).toList();
    }
}
