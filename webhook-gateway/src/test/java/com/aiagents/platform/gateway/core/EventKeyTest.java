package com.aiagents.platform.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.TenantId;
import org.junit.jupiter.api.Test;

/** The event key decides "one note per ticket event" in the worker. */
class EventKeyTest {
    private static final TenantId ACME = TenantId.of("acme");

    @Test
    void everyCreationWebhookOfATicketIsOneEvent() {
        assertThat(WebhookIntake.eventKey(ACME, new TicketEvent("T-1", "request_created"), "body-a"))
                .isEqualTo(WebhookIntake.eventKey(ACME, new TicketEvent("T-1", "request_created"), "body-b"));
    }

    @Test
    void distinctUpdatesAreDistinctEvents() {
        assertThat(WebhookIntake.eventKey(ACME, new TicketEvent("T-1", "request_updated"), "body-a"))
                .isNotEqualTo(WebhookIntake.eventKey(ACME, new TicketEvent("T-1", "request_updated"), "body-b"));
    }

    @Test
    void keysDifferByTenantTicketAndEvent() {
        String key = WebhookIntake.eventKey(ACME, new TicketEvent("T-1", "request_created"), "x");
        assertThat(key).hasSize(64)
                .isNotEqualTo(WebhookIntake.eventKey(TenantId.of("other"), new TicketEvent("T-1", "request_created"), "x"))
                .isNotEqualTo(WebhookIntake.eventKey(ACME, new TicketEvent("T-2", "request_created"), "x"))
                .isNotEqualTo(WebhookIntake.eventKey(ACME, new TicketEvent("T-1", "request_updated"), "x"));
    }

    @Test
    void reconciliationQueuesACreationUnderTheGatewaysOwnKey() {
        // the worker's reconciliation queues a ticket whose webhook never came with this key, so a
        // late webhook of the same ticket is the same event (one note)
        assertThat(com.aiagents.platform.api.TicketEventKeys.created(ACME, "T-1"))
                .isEqualTo(WebhookIntake.eventKey(ACME, new TicketEvent("T-1", "request_created"), "any body"));
    }
}
