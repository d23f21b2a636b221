package com.aiagents.platform.provisioning.kubernetes;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code kubernetes:} block of provisioning-service's config, e.g.
 * <pre>
 * kubernetes:
 *   mode: ${KUBERNETES_MODE:-cluster}
 *   manifestsDir: ${KUBERNETES_MANIFESTS_DIR:-}
 *   sharedNamespace: ai-agents
 *   ingressNamespace: ingress-nginx
 *   dataNamespace: ai-agents-data
 *   httpsEgressExcept: 10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,169.254.0.0/16,100.64.0.0/10
 *   platformNamespace: ai-agents
 *   includeSecretValues: false
 * </pre>
 * {@link #build()} picks the implementation by {@code mode}.
 */
public class KubernetesConfiguration {

    @JsonProperty
    private KubernetesMode mode = KubernetesMode.CLUSTER;

    @JsonProperty
    private String manifestsDir;

    @JsonProperty
    private String sharedNamespace = KubernetesSettings.DEFAULT_SHARED_NAMESPACE;

    @JsonProperty
    private String ingressNamespace = KubernetesSettings.DEFAULT_INGRESS_NAMESPACE;

    @JsonProperty
    private String dataNamespace = KubernetesSettings.DEFAULT_DATA_NAMESPACE;

    /** Comma-separated, so that one environment variable can set it. */
    @JsonProperty
    private String httpsEgressExcept = String.join(",", KubernetesSettings.DEFAULT_HTTPS_EGRESS_EXCEPT);

    @JsonProperty
    private String platformNamespace = KubernetesSettings.DEFAULT_PLATFORM_NAMESPACE;

    @JsonProperty
    private boolean includeSecretValues;

    public KubernetesConfiguration() {
    }

    public KubernetesConfiguration(KubernetesMode mode, String manifestsDir) {
        this.mode = mode;
        this.manifestsDir = manifestsDir;
    }

    public KubernetesMode getMode() {
        return mode;
    }

    public String getManifestsDir() {
        return manifestsDir;
    }

    public String getSharedNamespace() {
        return sharedNamespace;
    }

    public String getIngressNamespace() {
        return ingressNamespace;
    }

    public boolean isIncludeSecretValues() {
        return includeSecretValues;
    }

    public KubernetesSettings settings() {
        List<String> except = Arrays.stream(httpsEgressExcept == null ? new String[0] : httpsEgressExcept.split(","))
                .map(String::strip).filter(cidr -> !cidr.isEmpty()).toList();
        return new KubernetesSettings(sharedNamespace, ingressNamespace, dataNamespace, except, platformNamespace);
    }

    /**
     * {@code cluster}: a {@link ClusterKubernetesProvisioner} with a client from
     * {@link KubernetesClientBuilder} (kubeconfig / {@code KUBECONFIG}, else the in-cluster
     * service account; nothing is contacted yet). {@code manifests}: a
     * {@link ManifestsKubernetesProvisioner} writing to {@code manifestsDir}, which is then required.
     */
    public KubernetesProvisioner build() {
        if (mode == null) {
            throw new IllegalStateException("kubernetes.mode (KUBERNETES_MODE) must be 'cluster' or 'manifests'");
        }
        TenantResourcePlanner planner = new TenantResourcePlanner(settings());
        return switch (mode) {
            case CLUSTER -> new ClusterKubernetesProvisioner(new KubernetesClientBuilder().build(), planner);
            case MANIFESTS -> {
                if (manifestsDir == null || manifestsDir.isBlank()) {
                    throw new IllegalStateException(
                            "KUBERNETES_MODE=manifests needs kubernetes.manifestsDir (KUBERNETES_MANIFESTS_DIR)");
                }
                yield new ManifestsKubernetesProvisioner(Path.of(manifestsDir), planner, includeSecretValues);
            }
        };
    }
}
