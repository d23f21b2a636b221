package com.aiagents.platform.worker.semantic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A ticket's closest KB articles judged by their best passage: each article's title with a run of
 * its sentences or lines (up to {@link #MAX_CHARS}, unless one sentence is longer), embedded on
 * first use and remembered by the embedder ({@link SentenceEmbedder#passage}; the model is
 * deterministic, so a remembered passage and a recomputed one rank alike).
 */
final class ArticlePassages {
    static final int MAX_CHARS = 300;

    private ArticlePassages() {
    }

    /**
     * Of the articles whose {@code texts} are given (read in the ticket's transaction, so under RLS
     * and its account scope; one missing is gone or unreadable), the {@code k} whose best passage is
     * closest to {@code query}, at least {@code min}: each with that passage's cosine and vector.
     */
    static List<KbExpansion.Choice> best(SentenceEmbedder embedder, QuantizedVector query, Map<String, ArticleText> texts,
                                         int k, double min) {
        float[] q = query.toFloats();
        List<KbExpansion.Choice> ranked = new ArrayList<>();
        texts.forEach((id, text) -> {
            double best = -2;
            float[] bestVector = null;
            for (String passage : of(text.title(), text.content())) {
                float[] v = embedder.passage(passage).toFloats();
                double c = 0;
                for (int d = 0; d < q.length; d++) {
                    c += q[d] * v[d];
                }
                if (c > best) {
                    best = c;
                    bestVector = v;
                }
            }
            double rounded = Math.round(10_000.0 * best) / 10_000.0; // as VectorMatrix rounds before its bar
            if (rounded >= min) {
                ranked.add(new KbExpansion.Choice(id, rounded, bestVector));
            }
        });
        ranked.sort(Comparator.comparingDouble((KbExpansion.Choice c) -> -c.cosine()).thenComparing(KbExpansion.Choice::id));
        return ranked.subList(0, Math.min(k, ranked.size()));
    }

    /**
     * The passages of an article: its title with each run of whole sentences of at most
     * {@link #MAX_CHARS}, from the part of the content the whole article's vector reads too (its
     * first {@link SentenceEmbedder#MAX_CHARS}), so a long article costs at most ~8 passages.
     */
    static List<String> of(String title, String content) {
        List<String> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        String read = content.strip();
        read = read.length() > SentenceEmbedder.MAX_CHARS ? read.substring(0, SentenceEmbedder.MAX_CHARS) : read;
        for (String sentence : read.split("(?<=[.!?])\\s+|\\s*\\n\\s*")) {
            if (sentence.isBlank()) {
                continue;
            }
            if (run.length() > 0 && run.length() + 1 + sentence.length() > MAX_CHARS) {
                out.add(title + "\n" + run);
                run.setLength(0);
            }
            run.append(run.length() == 0 ? "" : " ").append(sentence);
        }
        if (run.length() > 0 || out.isEmpty()) { // an article of a title alone is one passage
            out.add(title + "\n" + run);
        }
        return out;
    }
}
