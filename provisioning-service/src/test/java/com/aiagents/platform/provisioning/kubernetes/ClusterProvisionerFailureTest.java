package com.aiagents.platform.provisioning.kubernetes;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.Tier;
import static com.aiagents.platform.provisioning.kubernetes.TestTenants.SECRETS;
import static com.aiagents.platform.provisioning.kubernetes.TestTenants.assertNoSecretIn;
import static com.aiagents.platform.provisioning.kubernetes.TestTenants.base64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** API server failures surface as ProvisioningException naming the object, never with a secret value. */
class ClusterProvisionerFailureTest {

    private static final TenantResources PREMIUM = TenantResources.of("acme", Tier.PREMIUM, SECRETS);

    private MockCluster cluster;
    private ClusterKubernetesProvisioner provisioner;

    @BeforeEach
    void startCluster() {
        cluster = new MockCluster();
        provisioner = new ClusterKubernetesProvisioner(cluster.client(), new TenantResourcePlanner(KubernetesSettings.defaults()));
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void serverErrorOnCreatingTheSecretNamesTheSecretAndMasksEchoedValues() {
        String apiKey = SECRETS.get("sdp_api_key");
        cluster.server().expect().post().withPath("/api/v1/namespaces/ai-agents/secrets")
                .andReturn(500, status(500, "InternalError", "etcd write failed for data sdp_api_key=" + apiKey
                        + " (" + base64(apiKey) + ")"))
                .once();

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                () -> provisioner.apply(PREMIUM.withTier(Tier.BASIC)));

        assertThat(e.ref()).isEqualTo(new ObjectRef("Secret", "ai-agents", "tenant-acme-credentials"));
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.tenantId()).isEqualTo("acme");
        assertThat(e.getMessage())
                .contains("create Secret ai-agents/tenant-acme-credentials for tenant acme failed with HTTP 500")
                .contains("etcd write failed for data sdp_api_key=<redacted>");
        assertNoSecretIn(e.getMessage());
        assertThat(e.getCause()).isNull();
    }

    @Test
    void forbiddenNamesTheNamespace() {
        cluster.server().expect().get().withPath("/api/v1/namespaces/tenant-acme")
                .andReturn(403, status(403, "Forbidden",
                        "namespaces \"tenant-acme\" is forbidden: User \"system:serviceaccount:ai-agents:provisioning\" cannot get resource"))
                .once();

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class, () -> provisioner.apply(PREMIUM));

        assertThat(e.ref()).isEqualTo(new ObjectRef("Namespace", null, "tenant-acme"));
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getMessage()).startsWith("get Namespace tenant-acme for tenant acme failed with HTTP 403: namespaces");
        assertThat(cluster.client().namespaces().withName("tenant-acme").get()).as("nothing created after the failure").isNull();
    }

    @Test
    void conflictOnUpdatingTheQuotaNamesTheQuota() {
        provisioner.apply(PREMIUM);
        cluster.client().resourceQuotas().inNamespace("tenant-acme").withName("tenant-quota")
                .edit(q -> {
                    q.getSpec().getHard().put("pods", new Quantity("99"));
                    return q;
                });
        cluster.server().expect().put().withPath("/api/v1/namespaces/tenant-acme/resourcequotas/tenant-quota")
                .andReturn(409, status(409, "Conflict", "the object has been modified; please apply your changes to the latest version"))
                .once();

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class, () -> provisioner.apply(PREMIUM));

        assertThat(e.ref()).isEqualTo(new ObjectRef("ResourceQuota", "tenant-acme", "tenant-quota"));
        assertThat(e.httpStatus()).isEqualTo(409);
        assertThat(e.getMessage()).contains("update ResourceQuota tenant-acme/tenant-quota", "the object has been modified");
        assertThat(provisioner.apply(PREMIUM).changed()).as("a retry converges").isTrue();
        assertThat(provisioner.status(PREMIUM).converged()).isTrue();
    }

    @Test
    void unreachableServerNamesTheObjectWithoutAStatus() {
        cluster.server().destroy();

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class, () -> provisioner.apply(PREMIUM));

        assertThat(e.ref()).isEqualTo(new ObjectRef("Namespace", null, "tenant-acme"));
        assertThat(e.httpStatus()).isZero();
        assertThat(e.getMessage()).startsWith("get Namespace tenant-acme for tenant acme failed: ").contains("Connect");
        assertNoSecretIn(e.getMessage());

        ProvisioningException onDelete = catchThrowableOfType(ProvisioningException.class, () -> provisioner.delete(TenantId.of("acme")));
        // the tenant namespace is looked up first: without it there is nothing inside to delete
        assertThat(onDelete.getMessage()).startsWith("get Namespace tenant-acme for tenant acme failed");
    }

    private static Status status(int code, String reason, String message) {
        return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build();
    }
}
