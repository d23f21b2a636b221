package com.aiagents.platform.common.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.api.TenantStatus;
import io.dropwizard.util.Duration;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CachingTenantDirectoryTest {
    private static final String SERVICE_TOKEN = "svc-token-never-logged";
    private static final String SECRET = "whsec-never-logged";
    private static final TenantId ACME = TenantId.of("acme-corp");

    private final MockWebServer server = new MockWebServer();
    private final FakeTenantService tenantService = new FakeTenantService();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private CachingTenantDirectory directory;

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(tenantService);
        server.start();
        TenantServiceClientConfig config = new TenantServiceClientConfig();
        config.setUrl(server.url("/").toString());
        config.setServiceToken(SERVICE_TOKEN);
        config.setCircuitMinimumCalls(3);
        config.setCircuitWindowCalls(3);
        config.setCircuitOpenFor(Duration.minutes(5));
        directory = new CachingTenantDirectory(new TenantServiceClient(config), config, clock);
    }

    @AfterEach
    void stop() {
        directory.close();
        server.close();
    }

    @Test
    void secondLookupWithinTheTtlIsServedFromTheCache() throws InterruptedException {
        tenantService.answer(ACME, "active");

        assertThat(directory.lookup(ACME).status()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(directory.lookup(ACME).webhook().secret()).isEqualTo(SECRET);

        assertThat(server.getRequestCount()).isEqualTo(1);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/internal/v1/tenants/acme-corp/runtime-config");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + SERVICE_TOKEN);
    }

    @Test
    void aStatusChangeIsSeenOnceTheTtlHasPassed() {
        tenantService.answer(ACME, "active");
        directory.lookup(ACME);
        tenantService.answer(ACME, "suspended");

        clock.advance(java.time.Duration.ofSeconds(9));
        assertThat(directory.lookup(ACME).status()).isEqualTo(TenantStatus.ACTIVE);
        clock.advance(java.time.Duration.ofSeconds(2));
        assertThat(directory.lookup(ACME).status()).isEqualTo(TenantStatus.SUSPENDED);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void whileTenantServiceFailsKnownTenantsAreServedStaleForABoundedTime() {
        tenantService.answer(ACME, "active");
        directory.lookup(ACME);
        tenantService.failWith(503);

        clock.advance(java.time.Duration.ofMinutes(9));
        assertThat(directory.lookup(ACME).status()).isEqualTo(TenantStatus.ACTIVE);
        assertThatThrownBy(() -> directory.lookup(TenantId.of("never-seen")))
                .isInstanceOf(TenantDirectoryUnavailableException.class);

        clock.advance(java.time.Duration.ofMinutes(2));
        assertThatThrownBy(() -> directory.lookup(ACME))
                .isInstanceOf(TenantDirectoryUnavailableException.class)
                .hasMessageNotContaining(SERVICE_TOKEN);
    }

    @Test
    void whileTenantServiceIsDownKnownTenantsAreServedFromTheCache() {
        tenantService.answer(ACME, "active");
        directory.lookup(ACME);
        server.close();

        clock.advance(java.time.Duration.ofSeconds(30));
        assertThat(directory.lookup(ACME).status()).isEqualTo(TenantStatus.ACTIVE);
        assertThatThrownBy(() -> directory.lookup(TenantId.of("never-seen")))
                .isInstanceOf(TenantDirectoryUnavailableException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void aNotFoundIsRememberedBrieflySoFloodsDoNotReachTenantService() {
        TenantId ghost = TenantId.of("ghost");
        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> directory.lookup(ghost)).isInstanceOf(TenantNotFoundException.class);
        }
        assertThat(server.getRequestCount()).isEqualTo(1);

        clock.advance(java.time.Duration.ofSeconds(6));
        tenantService.answer(ghost, "active");
        assertThat(directory.lookup(ghost).status()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void anOffboardedTenantDisappearsAfterTheTtl() {
        tenantService.answer(ACME, "active");
        directory.lookup(ACME);
        tenantService.forget(ACME);

        clock.advance(java.time.Duration.ofSeconds(11));
        assertThatThrownBy(() -> directory.lookup(ACME)).isInstanceOf(TenantNotFoundException.class);
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndStopsCallingTenantService() {
        tenantService.failWith(500);
        for (int i = 0; i < 3; i++) {
            TenantId tenant = TenantId.of("t" + i);
            assertThatThrownBy(() -> directory.lookup(tenant)).isInstanceOf(TenantDirectoryUnavailableException.class);
        }
        assertThat(directory.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);

        assertThatThrownBy(() -> directory.lookup(TenantId.of("t9")))
                .isInstanceOf(TenantDirectoryUnavailableException.class)
                .hasMessageContaining("circuit is open");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void notFoundAnswersDoNotOpenTheCircuit() {
        for (int i = 0; i < 10; i++) {
            TenantId tenant = TenantId.of("unknown-" + i);
            assertThatThrownBy(() -> directory.lookup(tenant)).isInstanceOf(TenantNotFoundException.class);
        }
        assertThat(directory.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aRejectedServiceTokenIsUnavailableNotNotFound() {
        tenantService.failWith(401);
        assertThatThrownBy(() -> directory.lookup(ACME))
                .isInstanceOf(TenantDirectoryUnavailableException.class)
                .hasMessageNotContaining(SERVICE_TOKEN);
    }

    @Test
    void configAndRuntimeConfigNeverPrintTheirSecrets() {
        tenantService.answer(ACME, "active");
        TenantServiceClientConfig config = new TenantServiceClientConfig();
        config.setServiceToken(SERVICE_TOKEN);

        assertThat(config.toString()).doesNotContain(SERVICE_TOKEN);
        assertThat(directory.lookup(ACME).toString()).doesNotContain(SECRET);
    }

    /** Serves the internal endpoint's JSON for the tenants it was told about, 404 for the rest. */
    private static final class FakeTenantService extends Dispatcher {
        private final Map<String, String> statusByTenant = new ConcurrentHashMap<>();
        private volatile int failure;

        void answer(TenantId tenant, String status) {
            statusByTenant.put(tenant.value(), status);
            failure = 0;
        }

        void forget(TenantId tenant) {
            statusByTenant.remove(tenant.value());
        }

        void failWith(int status) {
            failure = status;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            if (failure != 0) {
                return new MockResponse.Builder().code(failure).body("{\"code\":" + failure + "}").build();
            }
            String id = request.getUrl().pathSegments().get(3);
            String status = statusByTenant.get(id);
            if (status == null) {
                return new MockResponse.Builder().code(404)
                        .body("{\"code\":404,\"error\":\"tenant_not_found\",\"message\":\"no such tenant\"}").build();
            }
            return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                    .body(runtimeConfigJson(id, status)).build();
        }

        private static String runtimeConfigJson(String id, String status) {
            return "{\"tenant_id\":\"" + id + "\",\"status\":\"" + status + "\",\"tier\":\"basic\","
                    + "\"webhook\":{\"mode\":\"hmac\",\"secret\":\"" + SECRET + "\",\"previous_secret\":null,"
                    + "\"previous_secret_expires_at\":null},\"rate_limits\":{\"requests_per_minute\":100}}";
        }
    }
}
