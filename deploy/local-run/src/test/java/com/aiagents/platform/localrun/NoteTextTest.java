package com.aiagents.platform.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoteTextTest {

    @Test
    void rendersTheNotesHtmlAsSdpShowsIt() {
        String html = "<h3>AI-Generated Enhancement (2026-11-24T10:00:00Z)</h3><p><b>Likely Cause</b><br>"
                + "Transport service stopped on exch-01 &amp; mail queued.</p><p><b>Suggested Actions</b></p>"
                + "<ol><li>Restart MSExchangeTransport</li><li>Check the queues</li></ol>"
                + "<p><b>Related Tickets</b></p><ul><li>SEED-10001 &ndash; same symptom</li></ul><p>Confidence: 82%</p>";

        assertThat(NoteText.render(html)).isEqualTo("""
                AI-Generated Enhancement (2026-11-24T10:00:00Z)

                Likely Cause
                Transport service stopped on exch-01 & mail queued.
                Suggested Actions
                  1. Restart MSExchangeTransport
                  2. Check the queues
                Related Tickets
                  - SEED-10001 &ndash; same symptom
                Confidence: 82%""");
    }

    @Test
    void leavesMarkdownAndTextAsTheyAre() {
        assertThat(NoteText.render("## AI-Generated Enhancement\n1. Restart")).isEqualTo("## AI-Generated Enhancement\n1. Restart");
    }
}
