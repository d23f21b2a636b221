package com.aiagents.platform.worker.synthesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.ComposedPrompt;
import com.aiagents.platform.api.PromptSection;
import com.aiagents.platform.worker.context.KbMatch;
import com.aiagents.platform.worker.context.RetrievedContext;
import com.aiagents.platform.worker.context.SimilarTicket;
import com.aiagents.platform.worker.context.TicketText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tenant rule of the composed prompt, honoured where the deterministic synthesizer can: the actions it suggests. */
class PromptRulesTest {
    private static final String RULE = "Never suggest rebooting domain controllers in business hours.";

    private static ComposedPrompt composed(String... texts) {
        List<PromptSection> sections = new java.util.ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            sections.add(new PromptSection("s" + i, texts[i], i, null));
        }
        return ComposedPrompt.compose(1, List.of(), 1, sections);
    }

    @Test
    void aNeverSuggestRuleForbidsEveryActionNamingItsWordsWhateverTheirEndings() {
        PromptRules rules = PromptRules.of(composed("Be brief. " + RULE));
        assertThat(rules.forbidden()).containsExactly(List.of("reboot", "domain", "controller"));
        assertThat(rules.forbids("Reboot the domain controller DC01 (KB KB-12)")).isTrue();
        assertThat(rules.forbids("Apply the resolution of T-4: rebooted both domain controllers overnight")).isTrue();
        assertThat(rules.forbids("Check replication between the domain controllers with repadmin")).isFalse();
        assertThat(rules.forbids("Reboot the print server")).isFalse();
        assertThat(PromptRules.NONE.forbids("Reboot the domain controller DC01")).isFalse();
    }

    @Test
    void otherPhrasingsOfTheRuleAndSeveralRulesAreRead() {
        PromptRules rules = PromptRules.of(composed("Do not suggest restarting the Exchange transport service; ask first.",
                "don't suggest deleting user profiles when a user is signed in", "Prefer remote fixes."));
        assertThat(rules.forbidden()).containsExactly(List.of("restart", "exchang", "transport", "servic"),
                List.of("delet", "profil"));
        assertThat(rules.forbids("Restart the Microsoft Exchange Transport service on mail-01")).isTrue();
        assertThat(rules.forbids("Delete the user's cached profiles")).isTrue();
        assertThat(rules.forbids("Prefer remote fixes")).isFalse();
        assertThat(PromptRules.of(composed("Prefer remote fixes.")).forbidden()).isEmpty();
        assertThat(PromptRules.of(null).forbids("anything")).isFalse();
    }

    @Test
    void theDeterministicSynthesizerLeavesOutForbiddenActionsAndKeepsTheRest() {
        TicketText ticket = new TicketText("T-9", "Users cannot log in", "Logons fail at the Berlin office", "High", "Open");
        RetrievedContext context = new RetrievedContext(List.of("logon"),
                List.of(new SimilarTicket("T-4", "Logons fail after patching", "Rebooted the domain controller DC01.",
                        "Identity", List.of("logon"), 0.8, 0.5)),
                List.of(new KbMatch("KB-12", "Logon failures", List.of("Reboot the domain controller DC01",
                        "Check replication with repadmin /replsummary"), 0.4)),
                List.of());
        DeterministicSynthesizer synthesizer = new DeterministicSynthesizer();

        List<String> unruled = synthesizer.synthesize(ticket, context).suggestedActions();
        List<String> ruled = synthesizer.synthesize(ticket, context, PromptRules.of(composed(RULE))).suggestedActions();

        assertThat(unruled).anyMatch(a -> a.startsWith("Reboot the domain controller DC01"));
        assertThat(ruled).containsExactly("Check replication with repadmin /replsummary (KB KB-12)");
        // an LLM's actions meet the same rules: grounded in the KB, the reboot is still refused
        GroundingText llmCheck = GroundingText.of(context).forbidding(PromptRules.of(composed(RULE)));
        assertThat(GroundingText.of(context).supports("Reboot the domain controller DC01")).isTrue();
        assertThat(llmCheck.supports("Reboot the domain controller DC01")).isFalse();
        assertThat(llmCheck.supports("Check replication with repadmin /replsummary")).isTrue();
        assertThat(StageHash.of(synthesizer.synthesize(ticket, context, PromptRules.of(composed(RULE)))))
                .as("a pure function of its inputs, the rules included")
                .isEqualTo(StageHash.of(synthesizer.synthesize(ticket, context, PromptRules.of(composed(RULE)))));
    }

    @Test
    void theComposedPromptFollowsTheFixedSystemRulesAndOnlyWhenThereIsOne() {
        PromptAssembler assembler = new PromptAssembler();
        TicketText ticket = new TicketText("T-9", "Users cannot log in", "", "", "");
        Prompt plain = assembler.assemble(ticket, RetrievedContext.empty(), ComposedPrompt.compose(null, List.of(), null, List.of()));
        Prompt bundled = assembler.assemble(ticket, RetrievedContext.empty(), composed(RULE));
        assertThat(plain.system()).isEqualTo(PromptAssembler.SYSTEM);
        assertThat(bundled.system()).startsWith(PromptAssembler.SYSTEM).endsWith(PromptAssembler.BUNDLE_HEADING + RULE);
        assertThat(bundled.user()).isEqualTo(plain.user());
    }
}
