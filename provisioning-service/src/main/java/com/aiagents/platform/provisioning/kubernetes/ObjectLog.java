package com.aiagents.platform.provisioning.kubernetes;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.provisioning.kubernetes.ApplyResult.Action;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one log line per object applied or deleted, the same in both modes. Never a value of secret data. */
final class ObjectLog {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesProvisioner.class);

    private ObjectLog() {
    }

    /** @param differences drift lines; only their field names are logged */
    static void object(Action action, TenantId tenantId, ObjectRef ref, List<String> differences) {
        List<String> fields = differences.stream().map(ObjectLog::fieldName).toList();
        LOG.info("kubernetes object {} tenant_id={} kind={} namespace={} name={}{}", action.name().toLowerCase(Locale.ROOT),
                tenantId, ref.kind(), namespace(ref), ref.name(), fields.isEmpty() ? "" : " fields=" + fields);
    }

    static void notOwned(TenantId tenantId, ObjectRef ref) {
        LOG.warn("kubernetes object kept: not labelled as this tenant's tenant_id={} kind={} namespace={} name={}",
                tenantId, ref.kind(), namespace(ref), ref.name());
    }

    /** {@code -} for cluster-scoped objects. */
    private static String namespace(ObjectRef ref) {
        return ref.namespace() == null ? "-" : ref.namespace();
    }

    private static String fieldName(String difference) {
        int colon = difference.indexOf(':');
        return colon < 0 ? difference : difference.substring(0, colon);
    }
}
