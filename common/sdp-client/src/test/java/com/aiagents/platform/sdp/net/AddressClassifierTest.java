package com.aiagents.platform.sdp.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.sdp.net.AddressClassifier.Kind;
import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AddressClassifierTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "0.0.0.0", "0.1.2.3", "127.0.0.1", "127.255.255.254", "169.254.169.254", "169.254.1.1",
            "100.100.100.200", "192.0.0.192", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
            "192.0.2.5", "198.51.100.7", "203.0.113.9", "198.18.0.1",
            "::", "::1", "fe80::1", "febf:ffff::1", "ff02::1", "fd00:ec2::254", "fec0::1", "100::1",
            "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:169.254.169.254", "::ffff:0.0.0.0",
            "64:ff9b::7f00:1", "64:ff9b::169.254.169.254", "2002:7f00:1::", "2002:a9fe:a9fe::1",
            "::127.0.0.1", "::8.8.8.8", "2001:db8::1", "2001::1", "2001:0:4136:e378::1", "3fff::1", "1::1",
            "64:ff9b:1::1"})
    void neverASdpAddress(String literal) {
        assertThat(kindOf(literal)).as(literal).isEqualTo(Kind.FORBIDDEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255", "192.168.0.1", "192.168.255.255",
            "100.64.0.1", "100.127.255.255", "fc00::1", "fd12:3456:789a::1",
            "::ffff:10.1.2.3", "::ffff:a01:203", "::ffff:192.168.1.1", "64:ff9b::10.0.0.1", "2002:c0a8:101::1"})
    void privateAddressesATenantMayBeAllowed(String literal) {
        assertThat(kindOf(literal)).as(literal).isEqualTo(Kind.PRIVATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "8.8.8.8", "1.1.1.1", "9.255.255.255", "11.0.0.0", "172.15.255.255", "172.32.0.0", "192.167.255.255",
            "192.169.0.1", "100.63.255.255", "100.128.0.0", "169.253.255.255", "223.255.255.255",
            "2606:4700:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1",
            "2001:4860:4860::8888"})
    void globallyRoutableUnicast(String literal) {
        assertThat(kindOf(literal)).as(literal).isEqualTo(Kind.PUBLIC);
    }

    @Test
    void everyIpv4AddressIsJudgedAlikeInItsMappedAndNat64Forms() {
        Random random = new Random(20261204L);
        for (int i = 0; i < 20_000; i++) {
            byte[] v4 = new byte[4];
            random.nextBytes(v4);
            Kind plain = AddressClassifier.classify(v4).kind();
            assertThat(AddressClassifier.classify(embed(v4, 0x0000, 0xffff)).kind()).isEqualTo(plain);
            assertThat(AddressClassifier.classify(embed(v4, 0x0064, 0xff9b)).kind()).isEqualTo(plain);
        }
    }

    @Test
    void everyAddressOfTheRefusedRangesIsRefused() {
        Random random = new Random(42L);
        for (String range : List.of("0.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "240.0.0.0/4",
                "fe80::/10", "ff00::/8")) {
            for (int i = 0; i < 2_000; i++) {
                byte[] address = randomIn(Cidr.parse(range), random);
                assertThat(AddressClassifier.classify(address).kind()).as(IpLiterals.format(address))
                        .isEqualTo(Kind.FORBIDDEN);
            }
        }
        for (String range : List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")) {
            for (int i = 0; i < 2_000; i++) {
                byte[] address = randomIn(Cidr.parse(range), random);
                assertThat(AddressClassifier.classify(address).kind()).as(IpLiterals.format(address))
                        .isIn(Kind.PRIVATE, Kind.FORBIDDEN); // fd00:ec2::254 is in fc00::/7 and refused
            }
        }
    }

    @Test
    void theReasonNamesTheRange() {
        assertThat(AddressClassifier.classify(literal("10.1.2.3")).reason()).isEqualTo("10.1.2.3 is private (10.0.0.0/8)");
        assertThat(AddressClassifier.classify(literal("169.254.169.254")).reason()).contains("cloud metadata");
        assertThat(AddressClassifier.classify(literal("::ffff:127.0.0.1")).reason())
                .isEqualTo("::ffff:7f00:1 embeds 127.0.0.1 is loopback (127.0.0.0/8)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0177.0.0.1", "0x7f.1", "0x7f000001", "017700000001", "127.1", "127.0.1",
            "127.0.0.1.", "0x7f.0.0.1", "10.0.0.01", "00000000000000000127.0.0.1"})
    void oddIpv4SpellingsAreAmbiguous(String host) {
        assertThat(IpLiterals.isAmbiguousIpv4(host)).as(host).isTrue();
        assertThat(IpLiterals.parse(host)).as(host).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "sdp.acme.example", "1.2.3.4.example", "0x7f.example", "123abc", "sdp"})
    void hostNamesAndDottedQuadsAreNot(String host) {
        assertThat(IpLiterals.isAmbiguousIpv4(host)).as(host).isFalse();
    }

    @Test
    void literalsParseWithoutDnsAndKeepTheMappedForm() {
        assertThat(IpLiterals.parse("[::ffff:127.0.0.1]").orElseThrow().getAddress()).hasSize(16);
        assertThat(IpLiterals.parse("sdp.acme.example")).isEmpty();
        assertThat(IpLiterals.parse("256.0.0.1")).isEmpty();
        assertThat(IpLiterals.parse("fe80::1%eth0")).isEmpty();
        assertThat(IpLiterals.format(literal("2001:db8:0:0:1:0:0:1").getAddress())).isEqualTo("2001:db8::1:0:0:1");
    }

    @Test
    void cidrsAreStrictAndCoverMappedForms() {
        Cidr vpn = Cidr.parse("10.20.0.0/16");
        assertThat(vpn.contains(literal("10.20.3.4"))).isTrue();
        assertThat(vpn.contains(literal("::ffff:10.20.3.4"))).isTrue();
        assertThat(vpn.contains(literal("10.21.0.1"))).isFalse();
        assertThat(Cidr.parse("fd00:1::/48").contains(literal("fd00:1:0:5::9"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").covers(vpn)).isTrue();
        assertThat(vpn.covers(Cidr.parse("10.0.0.0/8"))).isFalse();
        assertThatThrownBy(() -> Cidr.parse("10.20.0.1/16")).hasMessageContaining("host bits set; the network is 10.20.0.0/16");
        assertThatThrownBy(() -> Cidr.parse("10.20.0.0/33")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> Cidr.parse("intranet/8")).hasMessageContaining("not a CIDR");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0")).hasMessageContaining("no prefix length");
    }

    private static Kind kindOf(String literal) {
        return AddressClassifier.classify(literal(literal)).kind();
    }

    private static InetAddress literal(String text) {
        return IpLiterals.parse(text).orElseThrow(() -> new AssertionError("not a literal: " + text));
    }

    private static byte[] embed(byte[] v4, int group0, int group1) {
        byte[] v6 = new byte[16];
        if (group0 == 0) {
            v6[10] = (byte) (group1 >> 8);
            v6[11] = (byte) group1;
        } else {
            v6[0] = (byte) (group0 >> 8);
            v6[1] = (byte) group0;
            v6[2] = (byte) (group1 >> 8);
            v6[3] = (byte) group1;
        }
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }

    private static byte[] randomIn(Cidr cidr, Random random) {
        byte[] address = cidr.networkBytes();
        byte[] noise = new byte[address.length];
        random.nextBytes(noise);
        for (int bit = cidr.prefixLength(); bit < address.length * 8; bit++) {
            int mask = 0x80 >> (bit % 8);
            address[bit / 8] = (byte) ((address[bit / 8] & ~mask) | (noise[bit / 8] & mask));
        }
        return address;
    }
}
