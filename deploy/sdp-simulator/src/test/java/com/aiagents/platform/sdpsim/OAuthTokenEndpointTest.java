package com.aiagents.platform.sdpsim;

import static com.aiagents.platform.sdpsim.SimulatorHttp.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.sdpsim.SimulatorHttp.Reply;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.Map;
import okhttp3.FormBody;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Zoho accounts server of cloud instances. */
@ExtendWith(DropwizardExtensionsSupport.class)
class OAuthTokenEndpointTest {

    private static final DropwizardAppExtension<SdpSimulatorConfiguration> APP = SimulatorApp.extension();

    private SimulatorHttp http;
    private String instance;

    @BeforeEach
    void createCloudInstance() {
        http = new SimulatorHttp(APP.getLocalPort());
        instance = uniqueName("cloud");
        http.sim("POST", "/sim/instances", "{\"name\":\"" + instance + "\",\"edition\":\"cloud\","
                + "\"oauth\":{\"client_id\":\"CID\",\"client_secret\":\"CSECRET\",\"refresh_token\":\"RTOKEN\"}}");
    }

    @Test
    void mintsAccessTokensTheInstanceAccepts() {
        Reply minted = mint("refresh_token", "CID", "CSECRET", "RTOKEN");

        assertThat(minted.status()).isEqualTo(200);
        assertThat(minted.json().get("expires_in").asLong()).isEqualTo(3600);
        String token = minted.json().get("access_token").asText();
        assertThat(token).startsWith("1000.");
        assertThat(call("Zoho-oauthtoken " + token).status()).isEqualTo(200);
        assertThat(call("Zoho-oauthtoken 1000.forged.token").status()).isEqualTo(401);
        assertThat(http.sim("GET", "/sim/instances/" + instance, null).json().at("/stats/access_tokens_minted").asInt())
                .isEqualTo(1);
    }

    @Test
    void refusesBadGrantsTheWayZohoDoes() {
        assertThat(mint("refresh_token", "CID", "WRONG", "RTOKEN").json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(mint("refresh_token", "CID", "CSECRET", "WRONG").json().get("error").asText()).isEqualTo("invalid_code");
        Reply badGrant = mint("authorization_code", "CID", "CSECRET", "RTOKEN");
        assertThat(badGrant.status()).isEqualTo(200);
        assertThat(badGrant.json().get("error").asText()).isEqualTo("unsupported_grant_type");
        assertThat(badGrant.json().has("access_token")).isFalse();
    }

    @Test
    void aRefreshTokenMintsAtMostTenTokensPerWindow() {
        for (int i = 0; i < 10; i++) {
            assertThat(mint("refresh_token", "CID", "CSECRET", "RTOKEN").json().has("access_token")).isTrue();
        }

        Reply eleventh = mint("refresh_token", "CID", "CSECRET", "RTOKEN");

        assertThat(eleventh.status()).isEqualTo(400);
        assertThat(eleventh.json().get("error").asText()).isEqualTo("Access Denied");
    }

    @Test
    void revokedTokensAreRefused() {
        String token = mint("refresh_token", "CID", "CSECRET", "RTOKEN").json().get("access_token").asText();

        http.patch(instance, "{\"revoke_access_tokens\":true}");

        assertThat(call("Zoho-oauthtoken " + token).status()).isEqualTo(401);
    }

    @Test
    void onPremInstancesHaveNoTokenEndpoint() {
        String onPrem = uniqueName("onprem");
        http.createOnPrem(onPrem, "K");

        Reply reply = http.post(http.url("/sdp/" + onPrem + "/oauth/v2/token"), new FormBody.Builder()
                .add("grant_type", "refresh_token").build());

        assertThat(reply.status()).isEqualTo(404);
    }

    private Reply mint(String grantType, String clientId, String clientSecret, String refreshToken) {
        return http.post(http.url("/sdp/" + instance + "/oauth/v2/token"), new FormBody.Builder()
                .add("grant_type", grantType).add("client_id", clientId)
                .add("client_secret", clientSecret).add("refresh_token", refreshToken).build());
    }

    private Reply call(String authorization) {
        return http.sdp("GET", instance, "requests", Map.of("Authorization", authorization), null);
    }
}
