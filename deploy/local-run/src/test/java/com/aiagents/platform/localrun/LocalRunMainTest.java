package com.aiagents.platform.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalRunMainTest {

    @Test
    void defaultsToTheContractsPortsAndTheDemo() {
        LocalRunOptions options = LocalRunMain.parse(new String[0]);
        assertThat(options.ports().of("webhook-gateway")).isEqualTo(new PortPlan.Ports(8080, 9080));
        assertThat(options.ports().of("sdp-simulator")).isEqualTo(new PortPlan.Ports(8090, 9090));
        assertThat(options.demo()).isTrue();
        assertThat(options.demoTickets()).isEqualTo(300);
    }

    @Test
    void movesEveryPortByTheOffset() {
        LocalRunOptions options = LocalRunMain.parse(new String[] {"--port-offset", "1000", "--no-demo", "--tickets", "50"});
        assertThat(options.ports().of("tenant-service")).isEqualTo(new PortPlan.Ports(9081, 10081));
        assertThat(options.demo()).isFalse();
        assertThat(options.demoTickets()).isEqualTo(50);
    }

    @Test
    void fixesTheEmbeddedServersPortsWhenAsked() {
        LocalRunOptions options = LocalRunMain.parse(new String[] {"--postgres-port", "15432", "--redis-port", "16379"});
        assertThat(options.ports().postgres()).isEqualTo(15432);
        assertThat(options.ports().redis()).isEqualTo(16379);
        assertThat(LocalRunMain.parse(new String[0]).ports().postgres()).as("default: any free port").isZero();
    }

    @Test
    void freePortsStayOutOfTheContractsRanges() {
        assertThat(LocalRunMain.parse(new String[] {"--free-ports"}).ports().servicePorts())
                .doesNotHaveDuplicates()
                .noneMatch(p -> (p >= 8080 && p <= 8090) || (p >= 9080 && p <= 9090))
                .as("below the kernel's ephemeral range, so no outgoing connection can take one before the service binds it")
                .allMatch(p -> p >= 20000 && p <= 32000);
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> LocalRunMain.parse(new String[] {"--port-offset", "x"}))
                .hasMessageContaining("needs a number");
        assertThatThrownBy(() -> LocalRunMain.parse(new String[] {"--frobnicate"})).hasMessageContaining("unknown option");
        assertThat(LocalRunMain.parse(new String[] {"--help"})).isNull();
    }
}
