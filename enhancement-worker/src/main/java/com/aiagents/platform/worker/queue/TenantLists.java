package com.aiagents.platform.worker.queue;

import com.aiagents.platform.api.TenantId;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tenants' lists a queue script may route jobs to, read by the caller from the jobs it is about
 * to move: declared in KEYS (and their tenants in ARGV) because on Redis Cluster a script may touch
 * only the keys it was given. The scripts leave a job whose tenant's list is missing for a later call.
 */
final class TenantLists {
    private final Set<String> tenants = new LinkedHashSet<>();

    static TenantLists ofJobs(Collection<String> rawJobs) {
        TenantLists lists = new TenantLists();
        rawJobs.forEach(lists::addTenantOf);
        return lists;
    }

    /** The job's tenant, when it names a valid one (an unreadable job goes to the dead list, no list needed). */
    void addTenantOf(String rawJob) {
        try {
            JsonNode tenant = JobCodec.readTree(rawJob).get("tenant_id");
            if (tenant != null && tenant.isTextual() && TenantId.isValid(tenant.asText())) {
                tenants.add(tenant.asText());
            }
        } catch (RuntimeException unreadable) {
            // dead-lettered by the script as it is
        }
    }

    void add(String tenant) {
        tenants.add(tenant);
    }

    List<String> tenants() {
        return new ArrayList<>(tenants);
    }

    List<String> keys() {
        return tenants.stream().map(QueueKeys::tenant).toList();
    }
}
