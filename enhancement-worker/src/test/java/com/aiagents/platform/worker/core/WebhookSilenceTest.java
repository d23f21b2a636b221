package com.aiagents.platform.worker.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "SDP shows new tickets but no webhook arrived": what the WebhookSilence alert reads. */
class WebhookSilenceTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void theOldestTicketCreatedAfterTheLastWebhookStartsTheSilence() {
        Instant webhook = T0;
        assertThat(WebhookSilence.oldestUnannounced(null, webhook,
                List.of(T0.minusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(30))))
                .isEqualTo(T0.plusSeconds(30));
        assertThat(WebhookSilence.seconds(T0.plusSeconds(30), webhook, T0.plusSeconds(630))).isEqualTo(600);
    }

    @Test
    void aTenantThatNeverSentAWebhookIsSilentFromItsFirstTicket() {
        assertThat(WebhookSilence.oldestUnannounced(null, null, List.of(T0.plusSeconds(5), T0)))
                .isEqualTo(T0);
        assertThat(WebhookSilence.seconds(T0, null, T0.plusSeconds(90))).isEqualTo(90);
    }

    @Test
    void aWebhookAfterTheWaitingTicketEndsTheSilence() {
        Instant waiting = T0;
        Instant laterWebhook = T0.plusSeconds(10);
        assertThat(WebhookSilence.seconds(waiting, laterWebhook, T0.plusSeconds(900))).isZero();
        assertThat(WebhookSilence.oldestUnannounced(waiting, laterWebhook, List.of())).isNull();
        assertThat(WebhookSilence.oldestUnannounced(waiting, T0.minusSeconds(1), List.of(T0.plusSeconds(60))))
                .as("kept across passes while no webhook came after it").isEqualTo(waiting);
    }

    @Test
    void ticketsAnnouncedBeforeTheirWebhookAreNotSilence() {
        assertThat(WebhookSilence.oldestUnannounced(null, T0, List.of(T0.minusSeconds(1), T0))).isNull();
        assertThat(WebhookSilence.seconds(null, T0, T0.plusSeconds(3600))).isZero();
    }
}
