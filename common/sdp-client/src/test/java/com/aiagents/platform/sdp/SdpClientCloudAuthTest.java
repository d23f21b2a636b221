package com.aiagents.platform.sdp;

import static com.aiagents.platform.sdp.SdpClientFailuresTest.failureOf;
import static com.aiagents.platform.sdp.SdpTestSupport.CLIENT_ID;
import static com.aiagents.platform.sdp.SdpTestSupport.CLIENT_SECRET;
import static com.aiagents.platform.sdp.SdpTestSupport.REFRESH_TOKEN;
import static com.aiagents.platform.sdp.SdpTestSupport.fixture;
import static com.aiagents.platform.sdp.SdpTestSupport.fixtureReply;
import static com.aiagents.platform.sdp.SdpTestSupport.json;
import static com.aiagents.platform.sdp.SdpTestSupport.tokenReply;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.sdp.resilience.SdpCircuitObserver;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SdpClientCloudAuthTest {

    private static final String ID = "123640000000240013";

    @StartStop
    private final MockWebServer sdp = new MockWebServer();
    @StartStop
    private final MockWebServer accounts = new MockWebServer();

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private SdpClientFactory factory = new SdpClientFactory(SdpTestSupport.fastConfig(), null, SdpCircuitObserver.NONE, clock);

    @AfterEach
    void close() {
        factory.close();
    }

    @Test
    void cachesTheAccessTokenAcrossCalls() throws Exception {
        accounts.enqueue(tokenReply("1000.access.one"));
        sdp.enqueue(fixtureReply("request.json"));
        sdp.enqueue(fixtureReply("request.json"));

        client().getRequest(ID);
        client().getRequest(ID);

        assertThat(accounts.getRequestCount()).isEqualTo(1);
        assertThat(sdp.takeRequest().getHeaders().get("Authorization")).isEqualTo("Zoho-oauthtoken 1000.access.one");
        assertThat(sdp.takeRequest().getHeaders().get("Authorization")).isEqualTo("Zoho-oauthtoken 1000.access.one");
    }

    @Test
    void renewsTheTokenShortlyBeforeItExpires() throws Exception {
        accounts.enqueue(tokenReply("1000.access.one"));
        accounts.enqueue(tokenReply("1000.access.two"));
        for (int i = 0; i < 3; i++) {
            sdp.enqueue(fixtureReply("request.json"));
        }

        client().getRequest(ID);
        clock.advance(Duration.ofMinutes(54));
        client().getRequest(ID);
        clock.advance(Duration.ofMinutes(2));
        client().getRequest(ID);

        assertThat(accounts.getRequestCount()).as("expires_in 3600 s, renewed 5 min early").isEqualTo(2);
        sdp.takeRequest();
        assertThat(sdp.takeRequest().getHeaders().get("Authorization")).endsWith("1000.access.one");
        assertThat(sdp.takeRequest().getHeaders().get("Authorization")).endsWith("1000.access.two");
    }

    @Test
    void a401RenewsTheTokenOnceAndRepeatsTheCall() throws Exception {
        accounts.enqueue(tokenReply("1000.access.revoked"));
        accounts.enqueue(tokenReply("1000.access.fresh"));
        sdp.enqueue(json(401, fixture("error-invalid-key.json")));
        sdp.enqueue(fixtureReply("request.json"));

        assertThat(client().getRequest(ID).id()).isEqualTo(ID);

        assertThat(accounts.getRequestCount()).isEqualTo(2);
        assertThat(sdp.takeRequest().getHeaders().get("Authorization")).endsWith("1000.access.revoked");
        assertThat(sdp.takeRequest().getHeaders().get("Authorization")).endsWith("1000.access.fresh");
    }

    @Test
    void a4022InsideHttp200AlsoRenewsTheToken() {
        accounts.enqueue(tokenReply("1000.access.revoked"));
        accounts.enqueue(tokenReply("1000.access.fresh"));
        sdp.enqueue(fixtureReply("error-invalid-key.json"));
        sdp.enqueue(fixtureReply("request.json"));

        assertThat(client().getRequest(ID).id()).isEqualTo(ID);
        assertThat(accounts.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aFailedRenewalIsAClearAuthenticationError() {
        accounts.enqueue(tokenReply("1000.access.revoked"));
        accounts.enqueue(json(200, "{\"error\":\"invalid_code\"}"));
        sdp.enqueue(json(401, fixture("error-invalid-key.json")));

        SdpException e = failureOf(() -> client().getRequest(ID));

        assertThat(e.kind()).isEqualTo(SdpErrorKind.AUTHENTICATION);
        assertThat(e.getMessage()).contains("Zoho access-token refresh", "tenant 'globex'", "invalid_code");
        assertThat(sdp.getRequestCount()).as("the call is not repeated without a token").isEqualTo(1);
    }

    @Test
    void aFreshTokenRejectedAgainFailsWithoutAThirdTry() {
        accounts.enqueue(tokenReply("1000.access.one"));
        accounts.enqueue(tokenReply("1000.access.two"));
        sdp.enqueue(json(401, fixture("error-invalid-key.json")));
        sdp.enqueue(json(401, fixture("error-invalid-key.json")));

        SdpException e = failureOf(() -> client().getRequest(ID));

        assertThat(e.kind()).isEqualTo(SdpErrorKind.AUTHENTICATION);
        assertThat(e.getMessage()).contains("even with a freshly minted access token");
        assertThat(sdp.getRequestCount()).isEqualTo(2);
        assertThat(accounts.getRequestCount()).isEqualTo(2);
    }

    @Test
    void stopsMintingWhenTheRefreshTokenBudgetIsSpent() {
        factory.close();
        factory = new SdpClientFactory(SdpTestSupport.fastConfig().toBuilder()
                .tokens(Duration.ofMinutes(5), 2, Duration.ofMinutes(10)).build(), null, SdpCircuitObserver.NONE, clock);
        accounts.enqueue(tokenReply("1000.access.one"));
        accounts.enqueue(tokenReply("1000.access.two"));
        for (int i = 0; i < 3; i++) {
            sdp.enqueue(json(401, fixture("error-invalid-key.json")));
        }
        failureOf(() -> client().getRequest(ID));

        // The second call tries the still-cached token, is rejected, and may not mint a third.
        SdpException e = failureOf(() -> client().getRequest(ID));

        assertThat(e.kind()).isEqualTo(SdpErrorKind.RATE_LIMITED);
        assertThat(e.retryAfter()).hasValue(Duration.ofMinutes(10));
        assertThat(e.getMessage()).contains("allowance");
        assertThat(accounts.getRequestCount()).isEqualTo(2);
        assertThat(sdp.getRequestCount()).isEqualTo(3);
    }

    @Test
    void anUnreachableAccountsServerIsUnreachable() {
        SdpClient client = factory.clientFor(SdpConnection.cloud("globex", sdp.url("/").toString(),
                "http://127.0.0.1:" + SdpTestSupport.closedPort(), CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN));

        SdpException e = failureOf(() -> client.getRequest(ID));

        assertThat(e.kind()).isEqualTo(SdpErrorKind.UNREACHABLE);
        assertThat(e.getMessage()).contains("Zoho access-token refresh");
        assertThat(sdp.getRequestCount()).isZero();
    }

    private SdpClient client() {
        return factory.clientFor(SdpConnection.cloud("globex", sdp.url("/app/itdesk").toString(),
                accounts.url("/").toString(), CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN));
    }
}
