package com.aiagents.platform.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformServiceTest {
    @Test
    void aMissingOwnTokenStopsTheServiceNamingTheVariable() {
        for (String unset : List.of("", "  ", "${GATEWAY_SERVICE_TOKEN}")) {
            assertThatThrownBy(() -> PlatformService.GATEWAY.requireOwnToken(unset))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("GATEWAY_SERVICE_TOKEN is not set")
                    .hasMessageContaining("webhook-gateway");
        }
        assertThatThrownBy(() -> PlatformService.WORKER.requireOwnToken(null))
                .hasMessageStartingWith("WORKER_SERVICE_TOKEN is not set");
    }

    @Test
    void aShortOwnTokenIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> PlatformService.GATES.requireOwnToken("short-secret"))
                .hasMessageStartingWith("GATES_SERVICE_TOKEN is too short")
                .hasMessageNotContaining("short-secret");
    }

    @Test
    void aSetOwnTokenIsReturned() {
        assertThat(PlatformService.PROVISIONING.requireOwnToken("provisioning-token-0123456789"))
                .isEqualTo("provisioning-token-0123456789");
    }

    @Test
    void aServiceTokenIsNamedAfterTheServiceItIdentifies() {
        assertThatThrownBy(() -> TokenConfig.plain("platform-service", Role.SERVICE, "service-token-0123456789").credential())
                .hasMessageContaining("'platform-service'").hasMessageContaining("webhook-gateway");
        assertThat(TokenConfig.plain("enhancement-worker", Role.SERVICE, "worker-token-0123456789").credential())
                .isPresent();
        assertThat(new PlatformPrincipal("enhancement-worker", Role.SERVICE).service()).contains(PlatformService.WORKER);
        // an operator token that happens to carry a service's name is not that service
        assertThat(new PlatformPrincipal("enhancement-worker", Role.OPERATOR).service()).isEmpty();
    }
}
