package com.aiagents.platform.worker.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TermSelectorTest {
    @Test
    void prefersSubjectTermsAndIdentifiersAndIsStableForEqualInput() {
        List<Lexeme> lexemes = List.of(
                new Lexeme("laptop", 1, 9, false),
                new Lexeme("vpn", 1, 1, true),
                new Lexeme("web-03", 1, 12, false),
                new Lexeme("5", 1, 4, true),
                new Lexeme("disconnect", 2, 2, true),
                new Lexeme("drop", 1, 14, false));
        TermSelector selector = new TermSelector(3);
        assertThat(selector.select(lexemes)).containsExactly("disconnect", "vpn", "web-03");
        List<Lexeme> reversed = new java.util.ArrayList<>(lexemes);
        java.util.Collections.reverse(reversed);
        assertThat(selector.select(reversed)).isEqualTo(selector.select(lexemes));
    }

    @Test
    void queryLiteralsCannotChangeTheQueryStructure() {
        SearchTerms terms = SearchTerms.of(List.of("it's", "a\\b", "x | y & !z"), 2);
        assertThat(terms.anyQuery()).isEqualTo("'it''s' | 'a\\\\b' | 'x | y & !z'");
        assertThat(terms.strictQuery()).isEqualTo("'it''s' & 'a\\\\b'");
    }

    @Test
    void mentionsFindHostsAddressesAndWords() {
        TicketMentions m = TicketMentions.of("Mail stuck on MAIL-01.acme.local (10.0.0.25), nginx down; ip 999.1.1.1");
        assertThat(m.ipAddresses()).containsExactly("10.0.0.25");
        assertThat(m.names()).contains("mail-01.acme.local", "nginx").doesNotContain("10.0.0.25");
        assertThat(m.words()).contains("nginx", "stuck").doesNotContain("mail-01.acme.local");
    }

    @Test
    void kbStepsAreNumberedLinesElseSentences() {
        assertThat(KbSteps.of("Intro\n1. Restart the service\n2) Clear the cache\n- Tell the user"))
                .containsExactly("Restart the service", "Clear the cache", "Tell the user");
        assertThat(KbSteps.of("<p>Reboot the router. Then wait.</p>")).containsExactly("Reboot the router.", "Then wait.");
    }

    @Test
    void ticketTextStripsHtml() {
        assertThat(TicketText.plain("<p>Hello&nbsp;<b>world</b> &amp; co</p><br/>bye"))
                .isEqualTo("Hello world & co bye");
    }
}
