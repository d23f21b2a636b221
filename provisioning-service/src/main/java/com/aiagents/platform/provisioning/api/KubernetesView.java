package com.aiagents.platform.provisioning.api;

import com.aiagents.platform.provisioning.kubernetes.ApplyResult;
import com.aiagents.platform.provisioning.kubernetes.ObjectRef;
import com.aiagents.platform.provisioning.kubernetes.ObjectStatus;
import com.aiagents.platform.provisioning.kubernetes.ResourceStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;

/** A tenant's Kubernetes objects against its tier: {@code GET /v1/tenants/{id}/kubernetes} and the apply answer. */
public final class KubernetesView {
    private KubernetesView() {
    }

    public record Status(
            @JsonProperty("tenant_id") String tenantId,
            @JsonProperty("tier") String tier,
            @JsonProperty("mode") String mode,
            @JsonProperty("converged") boolean converged,
            @JsonProperty("objects") List<ObjectView> objects) {

        public static Status of(ResourceStatus status, String mode) {
            return new Status(status.tenantId().value(), status.tier().wireName(), mode, status.converged(),
                    status.objects().stream().map(ObjectView::of).toList());
        }
    }

    /** {@code state}: {@code present}, {@code missing}, {@code drifted} or {@code leftover}. */
    public record ObjectView(
            @JsonProperty("kind") String kind,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("namespace") String namespace,
            @JsonProperty("name") String name,
            @JsonProperty("state") String state,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("differences") List<String> differences) {

        static ObjectView of(ObjectStatus status) {
            ObjectRef ref = status.ref();
            return new ObjectView(ref.kind(), ref.namespace(), ref.name(),
                    status.state().name().toLowerCase(Locale.ROOT), status.differences());
        }
    }

    /** {@code action}: {@code created}, {@code updated}, {@code unchanged} or {@code deleted}. */
    public record ChangeView(
            @JsonProperty("kind") String kind,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("namespace") String namespace,
            @JsonProperty("name") String name,
            @JsonProperty("action") String action) {
    }

    public record Applied(
            @JsonProperty("tenant_id") String tenantId,
            @JsonProperty("tier") String tier,
            @JsonProperty("changed") boolean changed,
            @JsonProperty("changes") List<ChangeView> changes,
            @JsonProperty("status") Status status) {

        public static Applied of(ApplyResult result, Status after) {
            return new Applied(result.tenantId().value(), result.tier().wireName(), result.changed(),
                    result.changes().stream().map(c -> new ChangeView(c.ref().kind(), c.ref().namespace(),
                            c.ref().name(), c.action().name().toLowerCase(Locale.ROOT))).toList(), after);
        }
    }
}
