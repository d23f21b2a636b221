package com.aiagents.platform.worker.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

    /** The real model: which article wins is decided by its best passage, under the bar and the count asked for. */
    @Test
    void theClosestArticleIsTheOneWithTheClosestPassage() {
        SentenceEmbedder embedder = new SentenceEmbedder();
        QuantizedVector query = embedder.search("Email stuck", "my email program says offline and no new mail comes in");
        // the mail article's symptoms sit after a long unrelated passage, so its best passage is not its first
        String mail = "Check the printer queue on the print server and restart the spooler service if jobs are stuck. ".repeat(3)
                + "Users say the email program shows offline and no new mail arrives.";
        Map<String, ArticleText> texts = Map.of(
                "KB-MAIL", new ArticleText("Office notes", mail),
                "KB-DISK", new ArticleText("Server volume full", "Free space on the data volume by moving old backups."));

        List<KbExpansion.Choice> one = ArticlePassages.best(embedder, query, texts, 1, -1.0);
        assertThat(one).extracting(KbExpansion.Choice::id).containsExactly("KB-MAIL");
        String best = ArticlePassages.of("Office notes", mail).get(1);
        assertThat(best).contains("email program shows offline");
        assertThat(one.get(0).vector()).isEqualTo(embedder.passage(best).toFloats());
        assertThat(one.get(0).cosine()).isGreaterThan(ArticlePassages.best(embedder, query,
                Map.of("KB-MAIL", new ArticleText("Office notes", ArticlePassages.of("Office notes", mail).get(0)
                        .substring("Office notes\n".length()))), 1, -1.0).get(0).cosine());

        // both when asked for two, closest first; none under a bar no passage reaches; an absent article is no choice
        assertThat(ArticlePassages.best(embedder, query, texts, 2, -1.0)).extracting(KbExpansion.Choice::id)
                .containsExactly("KB-MAIL", "KB-DISK");
        assertThat(ArticlePassages.best(embedder, query, texts, 2, 0.99)).isEmpty();
        assertThat(ArticlePassages.best(embedder, query, Map.of(), 1, -1.0)).isEmpty();
        // a remembered passage and a recomputed one are the same vector (the cache holds digests, not texts)
        assertThat(Arrays.equals(new SentenceEmbedder().passage(best).toFloats(), embedder.passage(best).toFloats())).isTrue();
    }
}
