package com.aiagents.platform.sdpsim;

import static com.aiagents.platform.sdpsim.SimulatorHttp.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.sdpsim.SimulatorHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(DropwizardExtensionsSupport.class)
class InstancesApiTest {

    private static final DropwizardAppExtension<SdpSimulatorConfiguration> APP = SimulatorApp.extension();

    private SimulatorHttp http;

    @BeforeEach
    void connect() {
        http = new SimulatorHttp(APP.getLocalPort());
    }

    @Test
    void createsAnOnPremInstanceWithoutEverShowingItsSecrets() {
        String name = uniqueName("acme");
        Reply created = http.sim("POST", "/sim/instances", "{\"name\":\"" + name + "\",\"edition\":\"onprem\","
                + "\"api_key\":\"TOP-SECRET-KEY\",\"webhook\":{\"url\":\"http://127.0.0.1:9/hook\",\"mode\":\"hmac\","
                + "\"secret\":\"WEBHOOK-SECRET\"}}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().get("Location")).endsWith("/sim/instances/" + name);
        JsonNode body = created.json();
        assertThat(body.get("base_url").asText()).isEqualTo("http://127.0.0.1:" + APP.getLocalPort() + "/sdp/" + name);
        assertThat(body.get("edition").asText()).isEqualTo("onprem");
        assertThat(body.at("/webhook/mode").asText()).isEqualTo("hmac");
        assertThat(body.has("accounts_url")).isFalse();
        Reply shown = http.sim("GET", "/sim/instances/" + name, null);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().at("/webhook/url").asText()).isEqualTo("http://127.0.0.1:9/hook");
        for (String text : new String[] {created.body(), shown.body(), http.sim("GET", "/sim/instances", null).body()}) {
            assertThat(text).doesNotContain("TOP-SECRET-KEY", "WEBHOOK-SECRET");
        }
    }

    @Test
    void aCloudInstanceShowsItsOAuthClientOnceAndItsAccountsUrl() {
        String name = uniqueName("globex");
        Reply created = http.sim("POST", "/sim/instances", "{\"name\":\"" + name + "\",\"edition\":\"cloud\"}");

        JsonNode body = created.json();
        assertThat(created.status()).isEqualTo(201);
        assertThat(body.get("accounts_url").asText()).isEqualTo(body.get("base_url").asText());
        String secret = body.at("/oauth/client_secret").asText();
        String refreshToken = body.at("/oauth/refresh_token").asText();
        assertThat(secret).isNotBlank();
        assertThat(refreshToken).startsWith("1000.");
        Reply shown = http.sim("GET", "/sim/instances/" + name, null);
        assertThat(shown.json().at("/oauth/client_id").asText()).isEqualTo(body.at("/oauth/client_id").asText());
        assertThat(shown.body()).doesNotContain(secret, refreshToken);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad name                 | {\"name\":\"Acme Corp\",\"edition\":\"onprem\",\"api_key\":\"k\"}           | invalid-name",
            "unknown edition          | {\"name\":\"x1\",\"edition\":\"saas\",\"api_key\":\"k\"}                    | invalid-edition",
            "on-prem without key      | {\"name\":\"x2\",\"edition\":\"onprem\"}                                   | missing-api-key",
            "oauth on-prem            | {\"name\":\"x3\",\"edition\":\"onprem\",\"api_key\":\"k\",\"oauth\":{}}     | invalid-oauth",
            "relative webhook url     | {\"name\":\"x4\",\"edition\":\"onprem\",\"api_key\":\"k\",\"webhook\":{\"url\":\"/hook\",\"secret\":\"s\"}} | invalid-webhook",
            "unknown webhook mode     | {\"name\":\"x5\",\"edition\":\"onprem\",\"api_key\":\"k\",\"webhook\":{\"url\":\"http://h/x\",\"mode\":\"basic\",\"secret\":\"s\"}} | invalid-webhook",
            "webhook without secret   | {\"name\":\"x6\",\"edition\":\"onprem\",\"api_key\":\"k\",\"webhook\":{\"url\":\"http://h/x\"}} | invalid-webhook",
            "error rate above 1       | {\"name\":\"x7\",\"edition\":\"onprem\",\"api_key\":\"k\",\"faults\":{\"error_rate\":1.5}} | invalid-faults",
            "negative latency         | {\"name\":\"x8\",\"edition\":\"onprem\",\"api_key\":\"k\",\"faults\":{\"latency_ms\":-1}} | invalid-faults",
            "misspelt fault           | {\"name\":\"x9\",\"edition\":\"onprem\",\"api_key\":\"k\",\"faults\":{\"eror_rate\":1}} | invalid-json",
            "not JSON                 | {\"name\":                                                                     | invalid-json",
    })
    void refusesBadInputWithAJsonError(String description, String body, String error) {
        Reply reply = http.sim("POST", "/sim/instances", body);

        assertThat(reply.status()).as(description).isEqualTo(400);
        assertThat(reply.json().get("code").asInt()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).isEqualTo(error);
        assertThat(reply.json().get("message").asText()).isNotBlank();
    }

    @Test
    void aDuplicateNameIsAConflict() {
        String name = uniqueName("dup");
        http.createOnPrem(name, "k1");

        Reply again = http.createOnPrem(name, "k2");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asText()).isEqualTo("instance-exists");
    }

    @Test
    void deletingAnInstanceRemovesItsApiToo() {
        String name = uniqueName("gone");
        http.createOnPrem(name, "k1");

        assertThat(http.sim("DELETE", "/sim/instances/" + name, null).status()).isEqualTo(204);

        Reply shown = http.sim("GET", "/sim/instances/" + name, null);
        assertThat(shown.status()).isEqualTo(404);
        assertThat(shown.json().get("error").asText()).isEqualTo("instance-not-found");
        Reply api = http.sdp("GET", name, "requests", Map.of("authtoken", "k1"), null);
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.json().at("/response_status/0/messages/0/status_code").asInt()).isEqualTo(4007);
        assertThat(http.sim("DELETE", "/sim/instances/" + name, null).status()).isEqualTo(404);
    }

    @Test
    void patchChangesOnlyTheFaultsGiven() {
        String name = uniqueName("patch");
        http.sim("POST", "/sim/instances", "{\"name\":\"" + name + "\",\"edition\":\"onprem\",\"api_key\":\"k\","
                + "\"faults\":{\"latency_ms\":5,\"error_rate\":0.25,\"seed\":9}}");

        Reply patched = http.patch(name, "{\"faults\":{\"rate_limit_burst\":4,\"retry_after_seconds\":2}}");

        JsonNode faults = patched.json().get("faults");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(faults.get("latency_ms").asInt()).isEqualTo(5);
        assertThat(faults.get("error_rate").asDouble()).isEqualTo(0.25);
        assertThat(faults.get("seed").asLong()).isEqualTo(9);
        assertThat(faults.get("rate_limit_burst").asInt()).isEqualTo(4);
        assertThat(faults.get("retry_after_seconds").asInt()).isEqualTo(2);
        assertThat(faults.get("down").asBoolean()).isFalse();
    }

    @Test
    void patchReplacesAndRemovesTheWebhook() {
        String name = uniqueName("hook");
        http.createOnPrem(name, "k");

        Reply replaced = http.patch(name, "{\"webhook\":{\"url\":\"http://127.0.0.1:9/new\",\"mode\":\"token\",\"secret\":\"s\"}}");
        assertThat(replaced.json().at("/webhook/mode").asText()).isEqualTo("token");
        assertThat(replaced.json().at("/webhook/url").asText()).isEqualTo("http://127.0.0.1:9/new");

        Reply removed = http.patch(name, "{\"remove_webhook\":true}");
        assertThat(removed.json().has("webhook")).isFalse();

        Reply both = http.patch(name, "{\"remove_webhook\":true,\"webhook\":{\"url\":\"http://h/x\",\"secret\":\"s\"}}");
        assertThat(both.status()).isEqualTo(400);
        assertThat(http.patch(name, "{\"revoke_access_tokens\":true}").json().get("error").asText()).isEqualTo("not-cloud");
        assertThat(http.patch(uniqueName("missing"), "{}").status()).isEqualTo(404);
    }

    @Test
    void unknownPathsAnswerJsonToo() {
        Reply reply = http.sim("GET", "/sim/nothing-here", null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("error").asText()).isEqualTo("not-found");
    }
}
