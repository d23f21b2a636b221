package com.aiagents.platform.sdpsim;

import static com.aiagents.platform.sdpsim.SimulatorHttp.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.sdpsim.SimulatorHttp.Reply;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class FaultsTest {

    private static final DropwizardAppExtension<SdpSimulatorConfiguration> APP = SimulatorApp.extension();
    private static final Map<String, String> AUTH = Map.of("authtoken", "K");

    private SimulatorHttp http;
    private String instance;

    @BeforeEach
    void createInstance() {
        http = new SimulatorHttp(APP.getLocalPort());
        instance = uniqueName("faulty");
        http.createOnPrem(instance, "K");
    }

    @Test
    void aRateLimitBurstAnswersTheNextCallsWith429AndRetryAfter() {
        http.patch(instance, "{\"faults\":{\"rate_limit_burst\":2,\"retry_after_seconds\":7}}");

        Reply first = list();
        Reply second = list();
        Reply third = list();

        assertThat(List.of(first.status(), second.status(), third.status())).containsExactly(429, 429, 200);
        assertThat(first.headers().get("Retry-After")).isEqualTo("7");
        assertThat(first.json().at("/response_status/0/messages/0/status_code").asInt()).isEqualTo(4015);
        assertThat(http.sim("GET", "/sim/instances/" + instance, null).json().at("/faults/rate_limit_burst").asInt())
                .isZero();
    }

    @Test
    void anErrorRateOfOneAnswersEveryCallWithA500Page() {
        http.patch(instance, "{\"faults\":{\"error_rate\":1.0}}");

        Reply reply = list();

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.headers().get("Content-Type")).startsWith("text/html");
    }

    @Test
    void aSeededErrorRateRepeatsTheSameSequence() {
        String twin = uniqueName("twin");
        http.createOnPrem(twin, "K");
        http.patch(instance, "{\"faults\":{\"error_rate\":0.5,\"seed\":42}}");
        http.patch(twin, "{\"faults\":{\"error_rate\":0.5,\"seed\":42}}");

        List<Integer> first = statuses(instance, 24);
        List<Integer> second = statuses(twin, 24);

        assertThat(first).isEqualTo(second).contains(200, 500);
        http.patch(instance, "{\"faults\":{\"seed\":42}}");
        assertThat(statuses(instance, 24)).as("re-seeding restarts the sequence").isEqualTo(first);
    }

    @Test
    void downAnswersLikeADeadBackendUntilBroughtBack() {
        http.patch(instance, "{\"faults\":{\"down\":true}}");

        Reply down = list();
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.headers().get("Connection")).isEqualTo("close");
        assertThat(down.body()).contains("Service Unavailable");

        http.patch(instance, "{\"faults\":{\"down\":false}}");
        assertThat(list().status()).isEqualTo(200);
    }

    @Test
    void anUnavailableBurstAnswersTheNextCallsLikeADeadBackendThenRecovers() {
        http.patch(instance, "{\"faults\":{\"unavailable_burst\":2}}");

        Reply first = list();
        Reply second = list();
        Reply third = list();

        assertThat(List.of(first.status(), second.status(), third.status())).containsExactly(503, 503, 200);
        assertThat(first.body()).contains("Service Unavailable");
        assertThat(http.sim("GET", "/sim/instances/" + instance, null).json().at("/faults/unavailable_burst").asInt())
                .isZero();
    }

    @Test
    void anInvalidKeyFaultRefusesEvenTheRightKey() {
        http.patch(instance, "{\"faults\":{\"invalid_key\":true}}");

        Reply reply = list();

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().at("/response_status/0/messages/0/status_code").asInt()).isEqualTo(4022);
    }

    @Test
    void addedLatencyOutlastsAShortClientTimeout() {
        http.patch(instance, "{\"faults\":{\"latency_ms\":3000}}");
        SimulatorHttp impatient = new SimulatorHttp(APP.getLocalPort(), Duration.ofMillis(200));

        assertThatThrownBy(() -> impatient.sdp("GET", instance, "requests", AUTH, null))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void faultsOfOneInstanceLeaveOthersAlone() {
        String healthy = uniqueName("healthy");
        http.createOnPrem(healthy, "K");
        http.patch(instance, "{\"faults\":{\"down\":true}}");

        assertThat(list().status()).isEqualTo(503);
        assertThat(http.sdp("GET", healthy, "requests", AUTH, null).status()).isEqualTo(200);
    }

    private Reply list() {
        return http.sdp("GET", instance, "requests", AUTH, null);
    }

    private List<Integer> statuses(String name, int calls) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            statuses.add(http.sdp("GET", name, "requests", AUTH, null).status());
        }
        return statuses;
    }
}
