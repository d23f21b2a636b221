package com.aiagents.platform.sdp.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SdpUrlCheckTest {

    /** A resolver with fixed answers: names that point where a test needs them. */
    private static final SdpUrlCheck.Resolver DNS = host -> {
        Map<String, String> answers = Map.of(
                "sdp.acme.example", "93.184.216.34",
                "intranet.acme.example", "10.20.0.5",
                "rebound.acme.example", "169.254.169.254");
        String answer = answers.get(host);
        if (answer == null) {
            throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByName(answer));
    };

    private static final NetworkPolicy PUBLIC_ONLY = NetworkPolicy.publicOnly(List.of());

    @ParameterizedTest
    @ValueSource(strings = {
            "https://127.0.0.1", "https://127.0.0.1:8443/sdp", "https://10.1.2.3", "https://172.16.5.4",
            "https://192.168.1.10", "https://169.254.169.254/latest/meta-data", "https://[::1]:8080",
            "https://[::ffff:127.0.0.1]", "https://[::ffff:7f00:1]", "https://[fd00:ec2::254]", "https://[fe80::1]",
            "https://0.0.0.0", "https://2130706433", "https://0177.0.0.1", "https://0x7f.1", "https://127.1",
            "https://100.100.100.200", "https://intranet.acme.example", "https://rebound.acme.example",
            "https://[64:ff9b::7f00:1]", "https://224.0.0.1", "http://sdp.acme.example"})
    void refused(String url) {
        assertThat(SdpUrlCheck.problem(url, PUBLIC_ONLY, DNS)).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://sdp.acme.example", "https://sdp.acme.example:8443/app/itdesk",
            "https://93.184.216.34", "https://[2606:4700:4700::1111]", "https://not-resolvable-here.example"})
    void accepted(String url) {
        assertThat(SdpUrlCheck.problem(url, PUBLIC_ONLY, DNS)).as(url).isEmpty();
    }

    @Test
    void theTenantsOwnNetworksAllowPrivateAddressesOnly() {
        NetworkPolicy vpn = NetworkPolicy.publicOnly(List.of(Cidr.parse("10.20.0.0/16")));

        assertThat(SdpUrlCheck.problem("https://intranet.acme.example", vpn, DNS)).isEmpty();
        assertThat(SdpUrlCheck.problem("https://10.20.9.9", vpn, DNS)).isEmpty();
        assertThat(SdpUrlCheck.problem("https://10.21.0.1", vpn, DNS)).get().asString()
                .contains("outside the tenant's servicedesk_private_networks");
        assertThat(SdpUrlCheck.problem("http://10.20.9.9", vpn, DNS)).get().asString().contains("https");
        // a tenant network never unlocks loopback or metadata
        NetworkPolicy everything = NetworkPolicy.publicOnly(List.of(Cidr.parse("0.0.0.0/0")));
        assertThat(SdpUrlCheck.problem("https://127.0.0.1", everything, DNS)).isPresent();
        assertThat(SdpUrlCheck.problem("https://169.254.169.254", everything, DNS)).isPresent();
    }

    @Test
    void thePlatformSwitchAllowsAnythingIncludingHttp() {
        NetworkPolicy local = NetworkPolicy.allowingEverything();

        assertThat(SdpUrlCheck.problem("http://127.0.0.1:8090/sdp/acme", local, DNS)).isEmpty();
        assertThat(SdpUrlCheck.problem("ftp://127.0.0.1", local, DNS)).isPresent();
    }

    @Test
    void theMessageSaysWhy() {
        assertThat(SdpUrlCheck.problem("https://intranet.acme.example", PUBLIC_ONLY, DNS)).get().asString()
                .isEqualTo("host intranet.acme.example resolves to 10.20.0.5 is private (10.0.0.0/8), outside the "
                        + "tenant's servicedesk_private_networks; a tenant's SDP must be at a globally routable address");
        assertThat(SdpUrlCheck.problem("https://2130706433", PUBLIC_ONLY, DNS)).get().asString()
                .contains("non-standard form");
    }
}
