package com.aiagents.platform.worker.context;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): an item's score is the sum of
 * 1 / (60 + its rank) over the rankings it appears in. It needs no calibration between the two
 * scores (ts_rank and a cosine are not comparable), rewards an item both rankings found, and lets
 * the semantic ranking alone bring in what shares no words with the ticket.
 */
final class HybridRanking {
    static final int K = 60;

    private HybridRanking() {
    }

    /** Ids with their fused score, best first (ties by id), at most {@code limit}. */
    static List<Map.Entry<String, Double>> fuse(List<String> fullText, List<String> semantic, double semanticWeight,
                                               int limit) {
        Map<String, Double> score = new HashMap<>();
        add(score, fullText, 1.0);
        add(score, semantic, semanticWeight);
        List<Map.Entry<String, Double>> ranked = new ArrayList<>(score.entrySet());
        ranked.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
                : Double.compare(b.getValue(), a.getValue()));
        List<Map.Entry<String, Double>> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : ranked.subList(0, Math.min(limit, ranked.size()))) {
            out.add(Map.entry(e.getKey(), Math.round(1_000_000.0 * e.getValue()) / 1_000_000.0));
        }
        return out;
    }

    private static void add(Map<String, Double> score, List<String> ranking, double weight) {
        for (int i = 0; i < ranking.size(); i++) {
            score.merge(ranking.get(i), weight / (K + i + 1), Double::sum);
        }
    }
}
