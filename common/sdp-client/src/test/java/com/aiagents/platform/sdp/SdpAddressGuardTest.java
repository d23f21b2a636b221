package com.aiagents.platform.sdp;

import static com.aiagents.platform.sdp.SdpTestSupport.API_KEY;
import static com.aiagents.platform.sdp.SdpTestSupport.CLIENT_ID;
import static com.aiagents.platform.sdp.SdpTestSupport.CLIENT_SECRET;
import static com.aiagents.platform.sdp.SdpTestSupport.REFRESH_TOKEN;
import static com.aiagents.platform.sdp.SdpTestSupport.fixtureReply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.aiagents.platform.sdp.net.Cidr;
import com.aiagents.platform.sdp.net.ConnectedAddressGuard;
import com.aiagents.platform.sdp.net.GuardedDns;
import com.aiagents.platform.sdp.net.NetworkPolicy;
import com.aiagents.platform.sdp.net.RefusedAddressException;
import com.aiagents.platform.sdp.resilience.SdpCircuitObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SDP client's address guard at connect time, over real sockets: names resolving to refused
 * addresses, IP literals, plain http, redirects, oversized replies, and the Zoho accounts URL.
 */
class SdpAddressGuardTest {

    private static final String ID = "123640000000240013";

    @StartStop
    private final MockWebServer sdp = new MockWebServer();

    @StartStop
    private final MockWebServer elsewhere = new MockWebServer();

    private SdpClientFactory factory;

    @AfterEach
    void close() {
        if (factory != null) {
            factory.close();
        }
    }

    @Test
    void aNameResolvingToLoopbackIsRefusedBeforeAnythingIsSent() {
        SdpClient client = publicOnly(Dns.SYSTEM).clientFor(
                SdpConnection.onPrem("acme", "https://localhost:" + sdp.getPort(), API_KEY));

        SdpException e = failureOf(() -> client.getRequest(ID));

        assertThat(e.kind()).isEqualTo(SdpErrorKind.ADDRESS_REFUSED);
        assertThat(e.getMessage()).contains("localhost resolves to").contains("loopback").doesNotContain(API_KEY);
        assertThat(sdp.getRequestCount()).isZero();
    }

    @Test
    void aNameResolvingToAPrivateAddressIsRefusedUnlessTheTenantAllowsItsNetwork() {
        Dns vpnDns = pointing("sdp.acme.internal", "10.20.0.5");

        SdpException refused = failureOf(() -> publicOnly(vpnDns).clientFor(
                SdpConnection.onPrem("acme", "https://sdp.acme.internal", API_KEY)).getRequest(ID));
        assertThat(refused.kind()).isEqualTo(SdpErrorKind.ADDRESS_REFUSED);
        assertThat(refused.getMessage()).contains("10.20.0.5 is private (10.0.0.0/8), outside the tenant's "
                + "servicedesk_private_networks");

        // allowed: the client really tries to connect (nothing listens there, so it cannot succeed)
        SdpException attempted = failureOf(() -> factory.clientFor(
                SdpConnection.onPrem("acme", "https://sdp.acme.internal", API_KEY)
                        .withPrivateNetworks(List.of(Cidr.parse("10.20.0.0/16")))).getRequest(ID));
        assertThat(attempted.kind()).isIn(SdpErrorKind.UNREACHABLE, SdpErrorKind.TIMEOUT);
    }

    @Test
    void everyLookupIsCheckedSoARebindingNameIsCaughtAtConnectTime() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        Dns rebinding = host -> List.of(InetAddress.getByName(lookups.incrementAndGet() == 1 ? "93.184.216.34" : "169.254.169.254"));
        GuardedDns guarded = new GuardedDns(rebinding, NetworkPolicy.publicOnly(List.of()));

        assertThat(guarded.lookup("sdp.acme.example")).hasSize(1);
        UnknownHostException second = catchThrowableOfType(UnknownHostException.class,
                () -> guarded.lookup("sdp.acme.example"));
        assertThat(second).hasMessageContaining("cloud metadata").hasCauseInstanceOf(RefusedAddressException.class);
    }

    @Test
    void anIpLiteralIsCheckedOnTheConnectedSocketBeforeTheRequestIsWritten() {
        // OkHttp never asks the Dns about a literal: the network interceptor sees the peer address
        OkHttpClient http = new OkHttpClient.Builder()
                .addNetworkInterceptor(new ConnectedAddressGuard(NetworkPolicy.publicOnly(List.of())))
                .build();
        Request request = new Request.Builder().url("http://127.0.0.1:" + sdp.getPort() + "/api/v3/requests")
                .header("authtoken", API_KEY).build();

        RefusedAddressException e = catchThrowableOfType(RefusedAddressException.class,
                () -> http.newCall(request).execute().close());

        assertThat(e).hasMessageContaining("connected to 127.0.0.1 is loopback");
        assertThat(sdp.getRequestCount()).as("the request with the key was never sent").isZero();
    }

    @Test
    void plainHttpIsRefusedWithoutTheSwitch() {
        SdpException e = failureOf(() -> publicOnly(Dns.SYSTEM).clientFor(
                SdpConnection.onPrem("acme", sdp.url("/").toString(), API_KEY)).getRequest(ID));

        assertThat(e.kind()).isEqualTo(SdpErrorKind.ADDRESS_REFUSED);
        assertThat(e.getMessage()).contains("over plain http");
        assertThat(sdp.getRequestCount()).isZero();
    }

    @Test
    void aRedirectIsNotFollowed() {
        sdp.enqueue(new MockResponse.Builder().code(302)
                .setHeader("Location", elsewhere.url("/latest/meta-data").toString()).build());
        factory = new SdpClientFactory(SdpTestSupport.fastConfig());

        SdpException e = failureOf(() -> factory.clientFor(
                SdpConnection.onPrem("acme", sdp.url("/").toString(), API_KEY)).getRequest(ID));

        assertThat(e.httpStatus()).isEqualTo(302);
        assertThat(e.getMessage()).contains("redirect, which the client does not follow");
        assertThat(elsewhere.getRequestCount()).as("the redirect target never saw the key").isZero();
    }

    @Test
    void aReplyOverTheBoundFailsCleanlyWithOrWithoutALength() {
        factory = new SdpClientFactory(SdpTestSupport.fastConfig().toBuilder().maxReplyBytes(64 * 1024).build());
        SdpClient client = factory.clientFor(SdpConnection.onPrem("acme", sdp.url("/").toString(), API_KEY));
        String huge = "{\"request\": {\"subject\": \"" + "x".repeat(200 * 1024) + "\"}}";
        sdp.enqueue(new MockResponse.Builder().code(200).body(huge).build());
        sdp.enqueue(new MockResponse.Builder().code(200).chunkedBody(huge, 4096).build());
        sdp.enqueue(fixtureReply("request.json"));

        for (int i = 0; i < 2; i++) {
            SdpException e = failureOf(() -> client.getRequest(ID));
            assertThat(e.kind()).isEqualTo(SdpErrorKind.MALFORMED_RESPONSE);
            assertThat(e.getMessage()).contains("larger than 65536 bytes");
        }
    }

    @Test
    void theZohoAccountsUrlIsGuardedToo() {
        SdpClient client = publicOnly(pointing("sdp.acme.example", "93.184.216.34")).clientFor(SdpConnection.cloud(
                "globex", "https://sdp.acme.example", "https://localhost:" + sdp.getPort(),
                CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN));

        SdpException e = failureOf(() -> client.getRequest(ID));

        assertThat(e.kind()).isEqualTo(SdpErrorKind.ADDRESS_REFUSED);
        assertThat(e.getMessage()).contains("Zoho access-token refresh").contains("loopback")
                .doesNotContain(CLIENT_SECRET, REFRESH_TOKEN);
        assertThat(sdp.getRequestCount()).isZero();
    }

    private SdpClientFactory publicOnly(Dns dns) {
        factory = new SdpClientFactory(SdpTestSupport.fastConfig().toBuilder()
                .allowPrivateNetworks(false)
                .timeouts(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(3))
                .retry(1, Duration.ofMillis(1), Duration.ofMillis(1))
                .build(), null, SdpCircuitObserver.NONE, Clock.systemUTC(), dns);
        return factory;
    }

    /** A resolver answering {@code address} for {@code name} and the system's answer for anything else. */
    private static Dns pointing(String name, String address) {
        return host -> {
            if (host.equals(name)) {
                try {
                    return List.of(InetAddress.getByAddress(name, InetAddress.getByName(address).getAddress()));
                } catch (IOException e) {
                    throw new UnknownHostException(e.getMessage());
                }
            }
            return Dns.SYSTEM.lookup(host);
        };
    }

    private static SdpException failureOf(Runnable call) {
        return SdpClientFailuresTest.failureOf(call);
    }
}
