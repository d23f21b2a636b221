package com.aiagents.platform.worker.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Query expansion through the tenant's KB: the new ticket's vector moved towards its closest KB
 * articles before similar tickets are searched. A requester and the technicians who resolved the
 * history name one problem differently ("the email program says it's offline" against "Outlook
 * disconnected from Exchange"), so the two sides' vectors can be far apart. A KB article written
 * for end users names the problem both ways (symptoms in the users' words, cause and fix in the
 * technicians'), so it sits between them: the ticket finds it by the users' words, and the
 * expanded vector finds the history by the technicians' (Rocchio's expansion, with the KB as the
 * external collection instead of the first results, which are the very tickets the wording
 * misses). An article must reach {@code min} to count, and none is used when none does, so a
 * tenant without a KB, or a ticket no article fits, searches exactly as before.
 */
public final class KbExpansion {
    /** Articles ranked again by their passages: the closest by their whole vector. */
    static final int POOL = 5;
    private final int articles;
    private final double min;
    private final double weight;
    private final double unrelated;
    /** Null: the closest whole articles; otherwise their best passage, embedded by it ({@link ArticlePassages}). */
    private final SentenceEmbedder passages;

    /** An article chosen to expand the query: its cosine with the query, and the vector moved towards. */
    record Choice(String id, double cosine, float[] vector) {
    }

    /** {@code articles}: how many closest articles; {@code min}: the cosine one must reach; {@code weight}: each one's weight against the ticket's 1 (0: off). */
    public KbExpansion(int articles, double min, double weight) {
        this(articles, min, weight, 0.0, null);
    }

    /**
     * The same for a model whose unrelated texts have a cosine of about {@code unrelated}
     * ({@link SentenceModel#unrelated()}), by the articles' best passage when {@code passages} (the
     * embedder) is given.
     */
    KbExpansion(int articles, double min, double weight, double unrelated, SentenceEmbedder passages) {
        this.articles = articles;
        this.min = min;
        this.weight = weight;
        this.unrelated = unrelated;
        this.passages = passages;
    }

    public static KbExpansion of(EmbeddingSettings settings, SentenceEmbedder embedder) {
        return new KbExpansion(settings.getKbExpansionArticles(), embedder.model().cosineAt(settings.getKbExpansionMinSimilarity()),
                settings.getKbExpansionWeight(), embedder.model().unrelated(), settings.isKbExpansionPassages() ? embedder : null);
    }

    /** {@link #expand(QuantizedVector, VectorMatrix, Predicate, Function)} by whole articles only. */
    public QuantizedVector expand(QuantizedVector query, VectorMatrix kb, Predicate<String> eligible) {
        return expand(query, kb, eligible, null);
    }

    /**
     * The query moved towards the closest {@code eligible} articles of {@code kb} (each weighted by
     * its cosine with the query on the model's scale, 0 for unrelated texts), as a unit vector; the
     * query itself when expansion is off or no article is close enough. By passages (and
     * {@code texts} given: the title and content of the ids asked for, read in the ticket's
     * transaction), the closest {@link #POOL} articles by their whole vector are ranked again by
     * their best passage, and the query moves towards that passage: the part of an article in the
     * users' words matches a ticket better than the whole article, whose cause and fix in
     * technicians' words ("driver", "update") can make it close to tickets of every topic.
     */
    public QuantizedVector expand(QuantizedVector query, VectorMatrix kb, Predicate<String> eligible,
                                  Function<List<String>, ? extends Map<String, ArticleText>> texts) {
        if (weight <= 0 || kb == null || kb.size() == 0) {
            return query;
        }
        List<Choice> closest = passages == null || texts == null ? wholeArticles(query, kb, eligible)
                : ArticlePassages.best(passages, query, texts.apply(kb.nearest(query, Math.max(POOL, articles), -1.0, null, eligible)
                        .stream().map(VectorMatrix.Scored::id).toList()), articles, min);
        if (closest.isEmpty()) {
            return query;
        }
        float[] moved = query.toFloats();
        for (Choice article : closest) {
            double w = weight * (article.cosine() - unrelated) / (1.0 - unrelated);
            for (int d = 0; d < moved.length; d++) {
                moved[d] += (float) (w * article.vector()[d]);
            }
        }
        return QuantizedVector.of(SentenceEmbedder.unit(moved));
    }

    private List<Choice> wholeArticles(QuantizedVector query, VectorMatrix kb, Predicate<String> eligible) {
        List<Choice> out = new ArrayList<>();
        for (VectorMatrix.Scored s : kb.nearest(query, articles, min, null, eligible)) {
            float[] v = kb.floats(s.id());
            if (v != null) { // removed since the scan
                out.add(new Choice(s.id(), s.cosine(), v));
            }
        }
        return out;
    }
}
