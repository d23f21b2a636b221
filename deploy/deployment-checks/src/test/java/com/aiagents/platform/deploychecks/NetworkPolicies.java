package com.aiagents.platform.deploychecks;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;

/**
 * The NetworkPolicies of the platform's namespace, evaluated for one question: may pods of one
 * service open a connection to another service's pods on a port? Only what our manifests use is
 * understood (matchLabels, pod selectors without a namespace selector for same-namespace peers).
 */
final class NetworkPolicies {
    private static final String NAME_LABEL = "app.kubernetes.io/name";
    private static final String PART_OF_LABEL = "app.kubernetes.io/part-of";
    private final List<NetworkPolicy> policies;

    NetworkPolicies(List<HasMetadata> objects) {
        this.policies = objects.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast).toList();
    }

    boolean allowsIngress(String fromService, String toService, int port) {
        Map<String, String> from = podLabels(fromService);
        Map<String, String> to = podLabels(toService);
        for (NetworkPolicy policy : policies) {
            if (!policy.getSpec().getPolicyTypes().contains("Ingress") || !selects(policy.getSpec().getPodSelector(), to)) {
                continue;
            }
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                if (coversPort(rule.getPorts(), port) && admits(rule.getFrom(), from)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<String, String> podLabels(String service) {
        return Map.of(NAME_LABEL, service, PART_OF_LABEL, "ai-agents-platform");
    }

    private static boolean coversPort(List<NetworkPolicyPort> ports, int port) {
        return ports.isEmpty() || ports.stream().anyMatch(p -> p.getPort() != null && p.getPort().getIntVal() != null
                && p.getPort().getIntVal() == port);
    }

    /** A peer in this namespace: a pod selector alone (one with a namespace selector means other namespaces). */
    private static boolean admits(List<NetworkPolicyPeer> peers, Map<String, String> labels) {
        return peers.isEmpty() || peers.stream().anyMatch(peer -> peer.getNamespaceSelector() == null
                && peer.getIpBlock() == null && selects(peer.getPodSelector(), labels));
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new IllegalStateException("matchExpressions are not evaluated here: " + selector);
        }
        Map<String, String> wanted = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        return labels.entrySet().containsAll(wanted.entrySet());
    }
}
