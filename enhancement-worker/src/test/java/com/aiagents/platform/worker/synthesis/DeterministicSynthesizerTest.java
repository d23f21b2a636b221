package com.aiagents.platform.worker.synthesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.worker.context.AssetMatch;
import com.aiagents.platform.worker.context.KbMatch;
import com.aiagents.platform.worker.context.RetrievedContext;
import com.aiagents.platform.worker.context.SimilarTicket;
import com.aiagents.platform.worker.context.TicketText;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterministicSynthesizerTest {
    private final TicketText ticket = new TicketText("T-9", "VPN drops", "VPN drops every 5 minutes", "High", "Open");
    private final RetrievedContext context = new RetrievedContext(List.of("vpn", "drop"),
            List.of(new SimilarTicket("T-1", "VPN drops hourly", "Raised the idle timeout to 8h", "Network",
                            List.of("drop", "vpn"), 1.0, 0.6),
                    new SimilarTicket("T-2", "VPN slow", "Replaced the router", "Network", List.of("vpn"), 0.5, 0.3)),
            List.of(new KbMatch("KB-1", "VPN", List.of("Check the client version"), 0.4)),
            List.of(new AssetMatch("a1", "vpn-gw-01", "10.0.0.1", List.of("ipsec"), "gateway", "prod", "up", "net")));

    @Test
    void causeFromTheClosestResolutionActionsFromKbAndConfidenceFromSimilarity() {
        Synthesis s = new DeterministicSynthesizer().synthesize(ticket, context);
        assertThat(s.likelyCause()).contains("T-1", "100%", "Raised the idle timeout to 8h");
        assertThat(s.suggestedActions()).startsWith("Check the client version (KB KB-1)")
                .contains("Apply the resolution of T-1: Raised the idle timeout to 8h", "Check vpn-gw-01 (10.0.0.1) and its services ipsec");
        assertThat(s.relatedTickets()).extracting(RelatedTicket::ticketId).containsExactly("T-1", "T-2");
        assertThat(s.relatedTickets().get(0).reason())
                .isEqualTo("same symptom: VPN drops hourly; resolved by: Raised the idle timeout to 8h");
        assertThat(s.confidence()).isEqualTo(95); // 0.7*1.0 + 0.2 (KB) + 0.1*0.5, capped at 95
        assertThat(s.producer()).isEqualTo(Synthesis.DETERMINISTIC);
    }

    @Test
    void nearIdenticalTicketsAreListedOnceAndNoReasonShowsSearchTerms() {
        RetrievedContext copies = new RetrievedContext(List.of("outlook", "connect", "exchang"),
                List.of(new SimilarTicket("T-10", "Outlook cannot connect to Exchange -01", "Re-created the profile.",
                                "Email", List.of("connect", "exchang", "outlook"), 1.0, 0.9),
                        new SimilarTicket("T-11", "Outlook cannot connect to Exchange -02", "Re-created the profile.",
                                "Email", List.of("connect", "exchang", "outlook"), 1.0, 0.9),
                        new SimilarTicket("T-12", "outlook CANNOT connect to exchange", "Re-created the profile",
                                "Email", List.of("connect", "exchang", "outlook"), 1.0, 0.8),
                        // the host named in the subject: still the same ticket for a reader
                        new SimilarTicket("T-14", "Outlook cannot connect to Exchange (exch-01)", "Re-created the profile.",
                                "Email", List.of("connect", "exchang", "outlook"), 1.0, 0.8),
                        // another problem fixed the same way: not a copy
                        new SimilarTicket("T-15", "Shared calendar missing for the sales team", "Re-created the profile.",
                                "Email", List.of(), 0.3, 0.3),
                        new SimilarTicket("T-13", "Outlook asks for the password", "Reset the cached credentials. Then"
                                + " restarted Outlook.", "Email", List.of("outlook"), 0.3, 0.2)),
                List.of(), List.of());
        Synthesis s = new DeterministicSynthesizer().synthesize(ticket, copies);
        assertThat(s.relatedTickets()).extracting(RelatedTicket::ticketId).containsExactly("T-10", "T-15", "T-13");
        assertThat(s.relatedTickets().get(2).reason())
                .isEqualTo("same symptom: Outlook asks for the password; resolved by: Reset the cached credentials.");
        assertThat(s.relatedTickets()).allSatisfy(r -> assertThat(r.reason()).doesNotContain("exchang", "shares"));

        // letters of any script count: two different problems in Cyrillic are not copies, the same one twice is
        SimilarTicket mail = new SimilarTicket("R-1", "\u041f\u043e\u0447\u0442\u0430 \u043d\u0435 \u0440\u0430\u0431\u043e\u0442\u0430\u0435\u0442",
                "\u041f\u0435\u0440\u0435\u0437\u0430\u043f\u0443\u0441\u0442\u0438\u043b\u0438", "Email", List.of(), 1.0, 0.9);
        SimilarTicket printer = new SimilarTicket("R-2", "\u041f\u0440\u0438\u043d\u0442\u0435\u0440 \u043d\u0435 \u043f\u0435\u0447\u0430\u0442\u0430\u0435\u0442",
                "\u041f\u0435\u0440\u0435\u0437\u0430\u043f\u0443\u0441\u0442\u0438\u043b\u0438", "Print", List.of(), 1.0, 0.8);
        SimilarTicket mailAgain = new SimilarTicket("R-3", mail.subject(), mail.resolution(), "Email", List.of(), 1.0, 0.7);
        assertThat(SimilarTicket.distinct(List.of(mail, printer, mailAgain), 5)).extracting(SimilarTicket::ticketId)
                .containsExactly("R-1", "R-2");
    }

    @Test
    void withNoContextItSaysSoWithLowConfidence() {
        Synthesis s = new DeterministicSynthesizer().synthesize(ticket, RetrievedContext.empty());
        assertThat(s.likelyCause()).contains("cannot be inferred");
        assertThat(s.suggestedActions()).hasSize(2);
        assertThat(s.relatedTickets()).isEmpty();
        assertThat(s.confidence()).isEqualTo(10);
    }

    @Test
    void promptAndSynthesisAreByteForByteRepeatable() {
        PromptAssembler assembler = new PromptAssembler();
        assertThat(assembler.assemble(ticket, context)).isEqualTo(assembler.assemble(ticket, context));
        assertThat(StageHash.of(assembler.assemble(ticket, context))).isEqualTo(StageHash.of(assembler.assemble(ticket, context)));
        assertThat(StageHash.of(new DeterministicSynthesizer().synthesize(ticket, context)))
                .isEqualTo(StageHash.of(new DeterministicSynthesizer().synthesize(ticket, context)))
                .isNotEqualTo(StageHash.of(new DeterministicSynthesizer().synthesize(ticket, RetrievedContext.empty())));
        assertThat(assembler.assemble(ticket, context).user()).contains("T-1 (similarity 100%)", "KB-1", "vpn-gw-01 (10.0.0.1)");
    }
}
