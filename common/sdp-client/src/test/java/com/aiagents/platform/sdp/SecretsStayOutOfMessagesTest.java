package com.aiagents.platform.sdp;

import static com.aiagents.platform.sdp.SdpClientFailuresTest.failureOf;
import static com.aiagents.platform.sdp.SdpTestSupport.API_KEY;
import static com.aiagents.platform.sdp.SdpTestSupport.CLIENT_ID;
import static com.aiagents.platform.sdp.SdpTestSupport.CLIENT_SECRET;
import static com.aiagents.platform.sdp.SdpTestSupport.REFRESH_TOKEN;
import static com.aiagents.platform.sdp.SdpTestSupport.json;
import static com.aiagents.platform.sdp.SdpTestSupport.tokenReply;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.sdp.model.NewSdpNote;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Even when SDP or the accounts server echo a secret back, it must not reach an exception message. */
class SecretsStayOutOfMessagesTest {

    private static final String ACCESS_TOKEN = "1000.access.token.c0ffee";
    private static final List<String> SECRETS = List.of(API_KEY, CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN);

    @StartStop
    private final MockWebServer sdp = new MockWebServer();
    @StartStop
    private final MockWebServer accounts = new MockWebServer();

    private final SdpClientFactory factory = new SdpClientFactory(SdpTestSupport.fastConfig().toBuilder()
            .retry(1, java.time.Duration.ZERO, java.time.Duration.ZERO).build());

    @AfterEach
    void close() {
        factory.close();
    }

    @Test
    void anEchoedApiKeyIsRedacted() {
        sdp.enqueue(json(401, sdpFailure(4022, "Invalid API key " + API_KEY)));
        sdp.enqueue(json(500, sdpFailure(4000, "internal error for key " + API_KEY)));
        sdp.enqueue(json(200, sdpFailure(4012, "description missing; key=" + API_KEY)));

        List<SdpException> failures = new ArrayList<>();
        failures.add(failureOf(() -> onPrem().getRequest("1")));
        failures.add(failureOf(() -> onPrem().getRequest("1")));
        failures.add(failureOf(() -> onPrem().addNote("1", NewSdpNote.internal("<p>x</p>"))));

        assertThat(failures).extracting(SdpException::kind).containsExactly(
                SdpErrorKind.AUTHENTICATION, SdpErrorKind.SERVER_ERROR, SdpErrorKind.BAD_REQUEST);
        failures.forEach(this::assertNoSecretIn);
        assertThat(failures.get(0).getMessage()).contains("Invalid API key ***");
    }

    @Test
    void echoedCloudSecretsAndTokensAreRedacted() {
        accounts.enqueue(tokenReply(ACCESS_TOKEN));
        accounts.enqueue(json(400, "{\"error\":\"invalid_client " + CLIENT_SECRET + " " + REFRESH_TOKEN + "\"}"));
        sdp.enqueue(json(401, sdpFailure(4022, "token " + ACCESS_TOKEN + " rejected")));

        SdpException e = failureOf(() -> cloud().getRequest("1"));

        assertThat(e.kind()).isEqualTo(SdpErrorKind.AUTHENTICATION);
        assertNoSecretIn(e);
    }

    @Test
    void anEchoedAccessTokenInTheFinalRejectionIsRedacted() {
        accounts.enqueue(tokenReply("1000.first.token.aaaa"));
        accounts.enqueue(tokenReply(ACCESS_TOKEN));
        sdp.enqueue(json(401, sdpFailure(4022, "rejected")));
        sdp.enqueue(json(401, sdpFailure(4022, "token " + ACCESS_TOKEN + " and " + REFRESH_TOKEN + " rejected")));

        SdpException e = failureOf(() -> cloud().getRequest("1"));

        assertThat(e.getMessage()).contains("token *** and *** rejected");
        assertNoSecretIn(e);
    }

    @Test
    void connectionSettingsPrintWithoutSecrets() {
        String printed = SdpConnection.cloud("globex", "https://sdp.example", "https://accounts.zoho.com",
                CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN) + " " + SdpConnection.onPrem("acme", "https://sdp.example", API_KEY);

        SECRETS.forEach(secret -> assertThat(printed).doesNotContain(secret));
        assertThat(printed).contains("acme", "globex", CLIENT_ID);
    }

    private void assertNoSecretIn(SdpException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = String.valueOf(t);
            SECRETS.forEach(secret -> assertThat(text).doesNotContain(secret));
        }
    }

    private SdpClient onPrem() {
        return factory.clientFor(SdpConnection.onPrem("acme", sdp.url("/").toString(), API_KEY));
    }

    private SdpClient cloud() {
        return factory.clientFor(SdpConnection.cloud("globex", sdp.url("/").toString(), accounts.url("/").toString(),
                CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN));
    }

    private static String sdpFailure(int code, String message) {
        return "{\"response_status\":{\"status_code\":4000,\"status\":\"failed\",\"messages\":[{\"status_code\":"
                + code + ",\"type\":\"failed\",\"message\":\"" + message + "\"}]}}";
    }
}
