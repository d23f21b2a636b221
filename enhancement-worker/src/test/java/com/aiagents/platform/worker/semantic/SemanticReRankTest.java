package com.aiagents.platform.worker.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The semantic re-rank on hand-made vectors: a row that matches the query on one stray component
 * but has no neighbours loses to a topic whose rows resemble each other (score regularisation),
 * and the min bar still applies to what is returned, not to the pool the re-rank reads; taken to
 * its fixed point, the regularisation lets a topic's tickets support each other through a chain.
 */
class SemanticReRankTest {
    private static final int TOPIC = 0;
    private static final int STRAY = 2;

    @Test
    void aStrayMatchWithoutNeighboursFallsBehindTheTopicsCluster() {
        VectorMatrix matrix = matrix();
        QuantizedVector query = vector(TOPIC, 0.55, STRAY, 0.6);

        assertThat(matrix.nearestWithFeedback(query, 3, 0.2, null, 0.0, 0.0, id -> true))
                .extracting(VectorMatrix.Scored::id).as("by cosine alone").startsWith("STRAY");
        assertThat(matrix.nearestWithFeedback(query, 3, 0.2, null, 0.0, 0.7, id -> true))
                .extracting(VectorMatrix.Scored::id).containsExactly("A-1", "A-2", "A-3");
    }

    @Test
    void theMinBarAppliesToWhatIsReturnedAndTheOrderIsStable() {
        VectorMatrix matrix = matrix();
        QuantizedVector query = vector(TOPIC, 0.55, STRAY, 0.6);

        var first = matrix.nearestWithFeedback(query, 10, 0.7, null, 1.0, 0.7, id -> true);

        assertThat(first).isNotEmpty().allSatisfy(s -> assertThat(s.cosine()).isGreaterThanOrEqualTo(0.7));
        assertThat(matrix.nearestWithFeedback(query, 10, 0.7, null, 1.0, 0.7, id -> true)).isEqualTo(first);
        assertThat(matrix.nearestWithFeedback(query, 10, 0.2, "A-1", 1.0, 0.7, id -> true))
                .extracting(VectorMatrix.Scored::id).doesNotContain("A-1");
    }

    @Test
    void atTheFixedPointATopicsChainSupportsItsFarEnd() {
        // A-1 - A-2 - A-3 a chain of one topic (A-1 and A-3 not alike), X - Y a pair of another
        double[][] affinity = new double[5][5];
        for (int[] pair : new int[][] {{0, 1}, {1, 2}, {3, 4}}) {
            affinity[pair[0]][pair[1]] = affinity[pair[1]][pair[0]] = 1.0;
        }
        double[] score = {0.6, 0.2, 0.2, 0.3, 0.1};

        double[] once = VectorMatrix.propagate(affinity, score, 0.7, 1);
        double[] fixed = VectorMatrix.propagate(affinity, score, 0.7, 100);

        assertThat(once).containsExactly(new double[] {0.32, 0.34, 0.2, 0.16, 0.24}, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(once[2]).as("one step: the chain's far end behind Y").isLessThan(once[4]);
        assertThat(fixed[2]).as("fixed point: the whole chain ahead of the pair").isGreaterThan(fixed[3]).isGreaterThan(fixed[4]);
        // the fixed point: f = 0.3 score + 0.7 (the neighbours' mean of f)
        double[] neighbours = {fixed[1], (fixed[0] + fixed[2]) / 2, fixed[1], fixed[4], fixed[3]};
        for (int i = 0; i < 5; i++) {
            assertThat(fixed[i]).isCloseTo(0.3 * score[i] + 0.7 * neighbours[i], org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    private static VectorMatrix matrix() {
        VectorMatrix matrix = new VectorMatrix(8);
        for (int i = 1; i <= 3; i++) {
            matrix.put("A-" + i, vector(TOPIC, 1.0, 10 + i, 0.3)); // one topic: alike each other
        }
        matrix.put("B-1", vector(1, 1.0, 20, 0.3));
        matrix.put("STRAY", vector(STRAY, 1.0, 1, 0.2)); // shares the query's stray component only
        return matrix;
    }

    private static QuantizedVector vector(int a, double x, int b, double y) {
        float[] v = new float[SentenceEmbedder.DIMENSIONS];
        v[a] = (float) x;
        v[b] = (float) y;
        return QuantizedVector.of(SentenceEmbedder.unit(v));
    }
}
