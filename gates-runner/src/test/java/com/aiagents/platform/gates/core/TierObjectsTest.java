package com.aiagents.platform.gates.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.Tier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Gate 4 checks the tier's objects against what the platform promises, not against whatever
 * provisioning-service happens to list: an object left out of the report, or any object but the
 * credentials Secret reported {@code external}, is named.
 */
class TierObjectsTest {
    private static final TenantId TENANT = TenantId.of("acme-corp");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCompletePremiumReportWithTheSecretExternalHasNoProblem() throws Exception {
        assertThat(TierObjects.problems(Tier.PREMIUM, TENANT, premium("external"))).isEmpty();
        assertThat(TierObjects.of(Tier.PREMIUM, TENANT)).hasSize(7);
    }

    @Test
    void anObjectLeftOutOfTheReportIsNamed() throws Exception {
        JsonNode objects = premium("present");
        ((com.fasterxml.jackson.databind.node.ArrayNode) objects).remove(4); // the NetworkPolicy

        assertThat(TierObjects.problems(Tier.PREMIUM, TENANT, objects))
                .containsExactly("NetworkPolicy tenant-acme-corp/tenant-isolation not reported by provisioning-service");
    }

    @Test
    void onlyTheSecretMayBeExternal() throws Exception {
        JsonNode objects = JSON.readTree(premium("present").toString().replace(
                "\"kind\":\"ResourceQuota\",\"namespace\":\"tenant-acme-corp\",\"name\":\"tenant-quota\",\"state\":\"present\"",
                "\"kind\":\"ResourceQuota\",\"namespace\":\"tenant-acme-corp\",\"name\":\"tenant-quota\",\"state\":\"external\""));

        assertThat(TierObjects.problems(Tier.PREMIUM, TENANT, objects)).containsExactly("ResourceQuota "
                + "tenant-acme-corp/tenant-quota reported external: only the credentials Secret is delivered out of band");
    }

    @Test
    void aBasicTenantNeedsItsSecretReported() throws Exception {
        assertThat(TierObjects.problems(Tier.BASIC, TENANT, JSON.readTree("[]")))
                .containsExactly("Secret tenant-acme-corp-credentials not reported by provisioning-service");
        assertThat(TierObjects.problems(Tier.BASIC, TENANT, JSON.readTree("[{\"kind\":\"Secret\",\"namespace\":"
                + "\"ai-agents\",\"name\":\"tenant-acme-corp-credentials\",\"state\":\"external\"}]"))).isEmpty();
    }

    private static JsonNode premium(String secretState) throws Exception {
        String ns = "tenant-acme-corp";
        return JSON.readTree("[{\"kind\":\"Namespace\",\"name\":\"" + ns + "\",\"state\":\"present\"},"
                + "{\"kind\":\"ServiceAccount\",\"namespace\":\"" + ns + "\",\"name\":\"" + ns + "\",\"state\":\"present\"},"
                + "{\"kind\":\"Role\",\"namespace\":\"" + ns + "\",\"name\":\"tenant-reader\",\"state\":\"present\"},"
                + "{\"kind\":\"RoleBinding\",\"namespace\":\"" + ns + "\",\"name\":\"tenant-reader\",\"state\":\"present\"},"
                + "{\"kind\":\"NetworkPolicy\",\"namespace\":\"" + ns + "\",\"name\":\"tenant-isolation\",\"state\":\"present\"},"
                + "{\"kind\":\"ResourceQuota\",\"namespace\":\"" + ns + "\",\"name\":\"tenant-quota\",\"state\":\"present\"},"
                + "{\"kind\":\"LimitRange\",\"namespace\":\"" + ns + "\",\"name\":\"tenant-limits\",\"state\":\"present\"},"
                + "{\"kind\":\"Secret\",\"namespace\":\"" + ns + "\",\"name\":\"" + ns + "-credentials\",\"state\":\""
                + secretState + "\"}]");
    }
}
