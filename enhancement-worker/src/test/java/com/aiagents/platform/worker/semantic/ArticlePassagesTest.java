package com.aiagents.platform.worker.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An article's passages: its title with runs of whole sentences, none longer than the bound unless one sentence is. */
class ArticlePassagesTest {
    @Test
    void passagesAreTheTitleWithRunsOfWholeSentences() {
        String a = "Users say the mail program is offline. ".repeat(4).strip();
        String b = "The autodiscover record was missing after the update.";
        List<String> passages = ArticlePassages.of("Mail offline", a + " " + b + " " + "x".repeat(400) + ".");

        assertThat(passages).allMatch(p -> p.startsWith("Mail offline\n"));
        // the four short sentences and the next fit one run; the long sentence is a passage of its own
        assertThat(passages).hasSize(2);
        assertThat(passages.get(0)).isEqualTo("Mail offline\n" + a + " " + b);
        assertThat(passages.get(1)).isEqualTo("Mail offline\n" + "x".repeat(400) + ".");
        assertThat(ArticlePassages.of("T", "One line")).containsExactly("T\nOne line");
        // a long article: only what its whole vector reads too, the first 2,000 characters
        List<String> long_ = ArticlePassages.of("T", "A short sentence here. ".repeat(5_000));
        assertThat(long_.stream().mapToInt(p -> p.length() - 2).sum()).isLessThanOrEqualTo(SentenceEmbedder.MAX_CHARS);
        assertThat(long_).hasSizeLessThanOrEqualTo(8);
        // lines are split like sentences; a title alone is one passage
        assertThat(ArticlePassages.of("T", "Symptoms:\n- no mail\n\nFix: restart")).containsExactly("T\nSymptoms: - no mail Fix: restart");
        assertThat(ArticlePassages.of("T", "  ")).containsExactly("T\n");
    }
}
