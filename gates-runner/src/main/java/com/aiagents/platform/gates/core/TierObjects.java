package com.aiagents.platform.gates.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.Tier;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes objects each tier requires, as the platform promises them, checked against what
 * provisioning-service reports: gate 4 does not take the reported list as the whole truth, so an
 * object left out of the report fails it as surely as a missing one. Only the credentials Secret
 * may be {@code external} (delivered out of band in manifests mode).
 */
final class TierObjects {
    private TierObjects() {
    }

    /** One required object; a null namespace or name matches any. */
    record Required(String kind, String namespace, String name) {
        boolean matches(JsonNode object) {
            JsonNode ref = object.has("ref") ? object.path("ref") : object;
            return kind.equals(ref.path("kind").asText())
                    && (namespace == null || namespace.equals(ref.path("namespace").asText()))
                    && (name == null || name.equals(ref.path("name").asText()));
        }

        String describe() {
            return kind + " " + (namespace == null ? "" : namespace + "/") + (name == null ? "(any name)" : name);
        }
    }

    static List<Required> of(Tier tier, TenantId tenant) {
        String namespace = "tenant-" + tenant.value();
        Required secret = new Required("Secret", tier == Tier.PREMIUM ? namespace : null, namespace + "-credentials");
        if (tier != Tier.PREMIUM) {
            return List.of(secret);
        }
        return List.of(new Required("Namespace", null, namespace),
                new Required("ServiceAccount", namespace, null),
                // the workload's rights: a RoleBinding in the namespace (to a Role, or to a shipped ClusterRole)
                new Required("RoleBinding", namespace, null),
                new Required("NetworkPolicy", namespace, "tenant-isolation"),
                new Required("ResourceQuota", namespace, "tenant-quota"),
                new Required("LimitRange", namespace, null),
                secret);
    }

    /** What is wrong with the report against the tier's requirements; empty when nothing is. */
    static List<String> problems(Tier tier, TenantId tenant, JsonNode objects) {
        List<String> problems = new ArrayList<>();
        for (Required required : of(tier, tenant)) {
            JsonNode match = null;
            for (JsonNode object : objects) {
                if (required.matches(object)) {
                    match = object;
                    break;
                }
            }
            if (match == null) {
                problems.add(required.describe() + " not reported by provisioning-service");
            } else if ("external".equalsIgnoreCase(match.path("state").asText())
                    && !required.kind().equals("Secret")) {
                problems.add(required.describe() + " reported external: only the credentials Secret is delivered "
                        + "out of band");
            }
        }
        return problems;
    }
}
