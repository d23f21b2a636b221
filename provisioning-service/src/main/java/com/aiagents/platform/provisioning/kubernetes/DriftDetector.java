package com.aiagents.platform.provisioning.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares an object as it is with the object as planned, on the fields this platform manages,
 * and merges the planned values into the live object for an update. Both modes use it, so
 * "drifted" means the same for the cluster and for the manifests directory.
 *
 * <p>Managed: the planned labels (others may add labels of their own), and per kind the fields
 * below. Quota values compare as quantities ({@code 0.5} equals {@code 500m}). Secret data is
 * compared by SHA-256 only and never printed.
 */
final class DriftDetector {

    private static final Map<String, List<String>> MANAGED_FIELDS = Map.of(
            "Namespace", List.of(),
            "ServiceAccount", List.of("automountServiceAccountToken"),
            "Role", List.of("rules"),
            "RoleBinding", List.of("roleRef", "subjects"),
            "ResourceQuota", List.of("spec"),
            "LimitRange", List.of("spec"),
            "NetworkPolicy", List.of("spec"),
            "Secret", List.of("type", "data"));

    private static final int MAX_SHOWN = 200;

    private final KubernetesSerialization serialization;

    DriftDetector(KubernetesSerialization serialization) {
        this.serialization = serialization;
    }

    /** One line per managed field where {@code actual} differs from {@code desired}; empty when none. */
    List<String> differences(HasMetadata desired, HasMetadata actual) {
        if (!desired.getKind().equals(actual.getKind())) {
            return List.of("kind: desired " + desired.getKind() + ", actual " + actual.getKind());
        }
        List<String> differences = new ArrayList<>();
        Map<String, String> actualLabels = Objects.requireNonNullElse(actual.getMetadata().getLabels(), Map.of());
        desired.getMetadata().getLabels().forEach((key, value) -> {
            if (!value.equals(actualLabels.get(key))) {
                differences.add("metadata.labels." + key + ": desired " + value + ", actual "
                        + Objects.requireNonNullElse(actualLabels.get(key), "absent"));
            }
        });
        if (desired instanceof Secret secret) {
            secretDifferences(secret, (Secret) actual, differences);
        } else if (desired instanceof ResourceQuota quota) {
            quotaDifferences(quota, (ResourceQuota) actual, differences);
            jsonDifferences(without(tree(quota).get("spec"), "hard"), without(tree(actual).get("spec"), "hard"),
                    "spec", differences);
        } else {
            ObjectNode desiredTree = tree(desired);
            ObjectNode actualTree = tree(actual);
            for (String field : managedFields(desired)) {
                jsonDifferences(desiredTree.get(field), actualTree.get(field), field, differences);
            }
        }
        return differences;
    }

    /**
     * {@code live} with the planned labels and annotations added and the managed fields replaced
     * by the planned ones; everything else (resourceVersion, others' labels, status) kept.
     */
    <T extends HasMetadata> T merge(T desired, HasMetadata live) {
        ObjectNode merged = tree(live);
        ObjectNode desiredTree = tree(desired);
        ObjectNode metadata = merged.withObjectProperty("metadata");
        for (String map : List.of("labels", "annotations")) {
            JsonNode planned = desiredTree.path("metadata").path(map);
            if (planned.isObject()) {
                metadata.withObjectProperty(map).setAll((ObjectNode) planned);
            }
        }
        for (String field : managedFields(desired)) {
            if (desiredTree.hasNonNull(field)) {
                merged.set(field, desiredTree.get(field));
            } else {
                merged.remove(field);
            }
        }
        merged.remove("stringData");
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) desired.getClass();
        return serialization.convertValue(merged, type);
    }

    private static List<String> managedFields(HasMetadata object) {
        List<String> fields = MANAGED_FIELDS.get(object.getKind());
        if (fields == null) {
            throw new IllegalArgumentException("no drift rules for kind " + object.getKind());
        }
        return fields;
    }

    private static void secretDifferences(Secret desired, Secret actual, List<String> differences) {
        if (!Objects.equals(desired.getType(), actual.getType())) {
            differences.add("type: desired " + desired.getType() + ", actual " + actual.getType());
        }
        String desiredHash = desired.getMetadata().getAnnotations().get(SecretData.HASH_ANNOTATION);
        Map<String, String> annotations = Objects.requireNonNullElse(actual.getMetadata().getAnnotations(), Map.of());
        if (!desiredHash.equals(annotations.get(SecretData.HASH_ANNOTATION))) {
            differences.add("metadata.annotations." + SecretData.HASH_ANNOTATION + ": differs from desired");
        }
        if (!desiredHash.equals(SecretData.hash(actual.getData()))) {
            Set<String> actualKeys = new TreeSet<>(Objects.requireNonNullElse(actual.getData(), Map.<String, String>of()).keySet());
            Set<String> desiredKeys = new TreeSet<>(desired.getData().keySet());
            differences.add("data: differs from desired (values not shown)"
                    + (actualKeys.equals(desiredKeys) ? "" : "; keys desired " + desiredKeys + ", actual " + actualKeys));
        }
    }

    private static void quotaDifferences(ResourceQuota desired, ResourceQuota actual, List<String> differences) {
        Map<String, Quantity> want = desired.getSpec().getHard();
        Map<String, Quantity> have = actual.getSpec() == null || actual.getSpec().getHard() == null
                ? Map.of() : actual.getSpec().getHard();
        Set<String> keys = new LinkedHashSet<>(want.keySet());
        keys.addAll(new TreeSet<>(have.keySet()));
        for (String key : keys) {
            Quantity wanted = want.get(key);
            Quantity had = have.get(key);
            if (wanted == null || had == null || wanted.compareTo(had) != 0) {
                differences.add("spec.hard." + key + ": desired " + (wanted == null ? "absent" : wanted)
                        + ", actual " + (had == null ? "absent" : had));
            }
        }
    }

    /** Compares one field; for objects, reports each differing member separately. */
    private static void jsonDifferences(JsonNode desired, JsonNode actual, String path, List<String> differences) {
        JsonNode want = normalize(desired);
        JsonNode have = normalize(actual);
        if (Objects.equals(want, have)) {
            return;
        }
        if (want != null && have != null && want.isObject() && have.isObject()) {
            Set<String> members = new LinkedHashSet<>();
            want.fieldNames().forEachRemaining(members::add);
            have.fieldNames().forEachRemaining(members::add);
            for (String member : members) {
                if (!Objects.equals(normalize(want.get(member)), normalize(have.get(member)))) {
                    differences.add(path + "." + member + ": desired " + shown(want.get(member))
                            + ", actual " + shown(have.get(member)));
                }
            }
        } else {
            differences.add(path + ": desired " + shown(want) + ", actual " + shown(have));
        }
    }

    /** Absent, null and empty are the same thing to the API server. */
    private static JsonNode normalize(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || (node.isContainerNode() && node.isEmpty())
                ? null : node;
    }

    private static String shown(JsonNode node) {
        JsonNode value = normalize(node);
        if (value == null) {
            return "absent";
        }
        String text = value.toString();
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }

    private static JsonNode without(JsonNode node, String member) {
        if (node == null || !node.isObject()) {
            return node;
        }
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        copy.remove(member);
        return copy;
    }

    private ObjectNode tree(HasMetadata object) {
        return serialization.convertValue(object, ObjectNode.class);
    }
}
