package com.aiagents.platform.worker.semantic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A ticket's closest KB articles judged by their best passage: each article's title with a run of
 * its sentences or lines (up to {@link #MAX_CHARS}, unless one sentence is longer), embedded on
 * first use and remembered by the embedder ({@link SentenceEmbedder#passage}; the model is
 * deterministic, so a remembered passage and a recomputed one rank alike). One instance per
 * ticket's context, used by one thread: {@code texts} reads the candidates' title and content
 * inside the ticket's transaction (under RLS and its account scope).
 */
public final class ArticlePassages {
    static final int MAX_CHARS = 300;
    private final SentenceEmbedder embedder;
    private final Function<List<String>, Map<String, String[]>> texts;
    private final Map<String, float[]> bestVector = new HashMap<>();

    public ArticlePassages(SentenceEmbedder embedder, Function<List<String>, Map<String, String[]>> texts) {
        this.embedder = embedder;
        this.texts = texts;
    }

    /** Of {@code pool}, the {@code k} whose best passage is closest to {@code query}, at least {@code min}, with that cosine. */
    List<VectorMatrix.Scored> best(QuantizedVector query, List<VectorMatrix.Scored> pool, int k, double min) {
        Map<String, String[]> text = texts.apply(pool.stream().map(VectorMatrix.Scored::id).toList());
        float[] q = query.toFloats();
        List<VectorMatrix.Scored> ranked = new ArrayList<>();
        for (VectorMatrix.Scored article : pool) {
            String[] t = text.get(article.id());
            if (t == null) { // gone, or not readable in this transaction
                continue;
            }
            double best = -2;
            for (String passage : of(t[0], t[1])) {
                float[] v = embedder.passage(passage).toFloats();
                double c = 0;
                for (int d = 0; d < q.length; d++) {
                    c += q[d] * v[d];
                }
                if (c > best) {
                    best = c;
                    bestVector.put(article.id(), v);
                }
            }
            double rounded = Math.round(10_000.0 * best) / 10_000.0; // as VectorMatrix rounds before its bar
            if (rounded >= min) {
                ranked.add(new VectorMatrix.Scored(article.id(), rounded));
            }
        }
        ranked.sort(Comparator.comparingDouble((VectorMatrix.Scored s) -> -s.cosine()).thenComparing(VectorMatrix.Scored::id));
        return ranked.subList(0, Math.min(k, ranked.size()));
    }

    /** The best passage's vector of an article {@link #best} ranked. */
    float[] vector(String articleId) {
        return bestVector.get(articleId);
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
