package com.aiagents.platform.integration.auth;

import static com.aiagents.platform.integration.support.Platform.OPERATOR;
import static com.aiagents.platform.integration.support.Platform.WORKER;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.integration.support.Platform;
import com.aiagents.platform.integration.support.TenantIds;
import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.testing.TestTokenIssuer;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * People's access tokens are verified by a service other than tenant-service too: enhancement-worker,
 * in the real platform, reads the issuer's JWKS and revoked-sessions feed (with its own service
 * token), accepts a staff member's token like the static token of the same role, refuses a forged
 * one, refuses a revoked session within the bound, and refuses {@code X-Tenant-Id} from an operator.
 * A tenant admin of another tenant finds nothing there (404, not 403: no existence oracle).
 */
class PeopleTokensAcrossServicesTest {
    private static final Duration MAX_STALENESS = Duration.ofSeconds(4);
    private static final Duration SLACK = Duration.ofSeconds(5);
    static final TestTokenIssuer ISSUER = TestTokenIssuer.start();

    @RegisterExtension
    static final Platform PLATFORM = Platform.inManifestsMode().withWorkerSettings(Map.of(
            "auth.users.issuerUrl", ISSUER.url(),
            "auth.users.revocationPollInterval", "250ms",
            "auth.users.revocationMaxStaleness", MAX_STALENESS.toMillis() + "ms"));

    @AfterAll
    static void closeIssuer() {
        ISSUER.close();
    }

    @Test
    void theWorkerVerifiesPeoplesTokensAndHonoursRevocations() throws Exception {
        JsonHttp worker = PLATFORM.worker();
        String path = "/v1/tenants/" + TenantIds.unique("people") + "/reconciliation";
        int asStaticOperator = worker.get(path, OPERATOR).status();
        assertThat(asStaticOperator).isNotIn(401, 403);

        JWTClaimsSet claims = TestTokenIssuer.claims("operator", null).build();
        String person = TestTokenIssuer.sign(claims, ISSUER.currentKey());
        Awaitility.await("first read of the feed").atMost(MAX_STALENESS.plus(SLACK)).pollInterval(Duration.ofMillis(100))
                .until(() -> worker.get(path, person).status() == asStaticOperator);
        assertThat(ISSUER.feedAuthorizations()).isNotEmpty().allMatch(("Bearer " + WORKER)::equals);

        ECKey impostor = new ECKey.Builder(TestTokenIssuer.newKey()).keyID(ISSUER.currentKey().getKeyID()).build();
        assertThat(worker.get(path, TestTokenIssuer.sign(claims, impostor)).status()).isEqualTo(401);

        JsonHttp.Reply impersonating = worker.send("GET", path, person, null, "X-Tenant-Id", "acme-corp");
        assertThat(impersonating.status()).isEqualTo(403);
        assertThat(impersonating.json().path("error").asText()).isEqualTo("impersonation_forbidden");
        assertThat(worker.get(path, ISSUER.token("tenant_admin", "acme-corp")).status()).isEqualTo(404);

        ISSUER.revoke(claims.getStringClaim("sid"));
        Awaitility.await("revoked session refused").atMost(MAX_STALENESS.plus(SLACK)).pollInterval(Duration.ofMillis(100))
                .until(() -> worker.get(path, person).status() == 401);
        assertThat(worker.get(path, OPERATOR).status()).isEqualTo(asStaticOperator);
    }
}
