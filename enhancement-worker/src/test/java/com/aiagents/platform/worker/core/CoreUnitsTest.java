package com.aiagents.platform.worker.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.sdp.SdpErrorKind;
import com.aiagents.platform.sdp.SdpException;
import com.aiagents.platform.sdp.model.SdpNote;
import com.aiagents.platform.worker.api.ProbeResult;
import com.aiagents.platform.worker.queue.JobOutcome;
import com.aiagents.platform.worker.queue.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoreUnitsTest {
    @Test
    void theMarkerMatchesExactlyItsOwnEnhancement() {
        List<SdpNote> notes = List.of(new SdpNote("1", "<p>Ref ENH-123</p>", false, null, null),
                new SdpNote("2", "text · Ref ENH-12", false, null, null));
        assertThat(NoteMarker.findIn(notes, NoteMarker.of(12))).map(SdpNote::id).contains("2");
        assertThat(NoteMarker.findIn(notes, NoteMarker.of(123))).map(SdpNote::id).contains("1");
        assertThat(NoteMarker.findIn(notes, NoteMarker.of(1))).isEmpty();
    }

    @Test
    void retriesBackOffExponentiallyWithJitterUpToACap() {
        RetryPolicy noJitter = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(10), 0.5, () -> 0.0);
        assertThat(noJitter.delayAfter(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(noJitter.delayAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(noJitter.delayAfter(9)).isEqualTo(Duration.ofSeconds(10));
        RetryPolicy fullJitter = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(10), 0.5, () -> 1.0);
        assertThat(fullJitter.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(noJitter.mayRetry(3)).isTrue();
        assertThat(noJitter.mayRetry(4)).isFalse();
    }

    @Test
    void transientSdpFailuresAreRetriedAndThoseNeedingAPersonAreDeadLettered() {
        assertThat(Failures.classify(new SdpException(SdpErrorKind.SERVER_ERROR, "t", "m", null)))
                .isEqualTo(JobOutcome.retry("sdp_server_error"));
        assertThat(Failures.classify(new SdpException(SdpErrorKind.UNREACHABLE, "t", "m", null)))
                .isInstanceOf(JobOutcome.Retry.class);
        assertThat(Failures.classify(new SdpException(SdpErrorKind.AUTHENTICATION, "t", "m", null)))
                .isEqualTo(JobOutcome.dead("sdp_authentication"));
        assertThat(Failures.classify(new SdpException(SdpErrorKind.NOT_FOUND, "t", "m", null)))
                .isInstanceOf(JobOutcome.Dead.class);
    }

    @Test
    void theProbeNamesTheFirstStageThatDiffers() {
        ProbeResult.Run a = new ProbeResult.Run("h1", Map.of("snapshot", "d", "context", "c", "prompt", "p",
                "synthesis", "s"));
        ProbeResult.Run b = new ProbeResult.Run("h2", Map.of("snapshot", "d", "context", "c", "prompt", "p2",
                "synthesis", "s2"));
        assertThat(DeterminismProbe.firstDifferingStage(List.of(a, a))).isNull();
        assertThat(DeterminismProbe.firstDifferingStage(List.of(a, b))).isEqualTo("prompt");
        assertThat(SyntheticTicket.forSeed(42)).isEqualTo(SyntheticTicket.forSeed(42));
    }
}
