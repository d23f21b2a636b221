package com.aiagents.platform.gates.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.TenantId;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Gate 2 refuses to call identical hashes a proof when the context they were made on holds nothing
 * (the whole pipeline against real services: integration-tests' GatesEndToEndTest).
 */
class DeterminismGateContextTest {
    private static final GateContext RUN = new GateContext("run-2", TenantId.of("acme-corp"), null);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTenantWithNothingToDrawOnIsAnEmptyContext() throws Exception {
        assertThat(DeterminismGate.emptyContext(RUN, JSON.readTree("{\"ticket_history\":0,\"kb_articles\":0,"
                + "\"inventory\":0,\"retrieved\":{\"similar_tickets\":0,\"kb_articles\":0,\"assets\":0}}")))
                .startsWith("Empty context: tenant acme-corp has no ticket history, KB articles or inventory");
    }

    @Test
    void dataThatNoProbeTicketRetrievesIsAnEmptyContextToo() throws Exception {
        assertThat(DeterminismGate.emptyContext(RUN, JSON.readTree("{\"ticket_history\":3,\"kb_articles\":0,"
                + "\"inventory\":0,\"retrieved\":{\"similar_tickets\":0,\"kb_articles\":0,\"assets\":0}}")))
                .isEqualTo("Empty context: no probe ticket retrieved anything from tenant acme-corp's 3 history rows, "
                        + "0 KB articles and 0 assets (or its context_sources exclude them), so identical hashes would "
                        + "prove nothing about its pipeline");
    }

    @Test
    void anythingRetrievedIsAContext() throws Exception {
        assertThat(DeterminismGate.emptyContext(RUN, JSON.readTree("{\"ticket_history\":0,\"kb_articles\":1,"
                + "\"inventory\":0,\"retrieved\":{\"similar_tickets\":0,\"kb_articles\":1,\"assets\":0}}"))).isNull();
    }
}
