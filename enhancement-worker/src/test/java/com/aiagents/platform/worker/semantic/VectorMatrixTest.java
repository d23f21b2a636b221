package com.aiagents.platform.worker.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The exact scan: both kernels, the heap's top-k and the stored-form load agree with a plain sort of every row. */
class VectorMatrixTest {
    private static final int D = SentenceEmbedder.DIMENSIONS;

    @Test
    void theSimdKernelRunsInTheTestsAndScoresLikeTheScalarLoop() {
        // the module is added by the surefire argLine, as in the worker's deployment
        assertThat(DotProducts.BEST).isInstanceOf(SimdDotProducts.class);
        Random random = new Random(7);
        int rows = 1_003; // not a multiple of the scalar loop's four rows nor of a block
        byte[] data = new byte[rows * D];
        random.nextBytes(data);
        data[0] = -128; // the extremes: -128 * -128 must not overflow the SIMD kernel's short lanes
        byte[] q = new byte[D];
        random.nextBytes(q);
        q[0] = -128;
        int[] simd = new int[rows];
        int[] scalar = new int[rows];
        DotProducts.BEST.dots(q, data, 0, rows, simd);
        DotProducts.SCALAR.dots(q, data, 0, rows, scalar);
        int[] plain = new int[rows];
        for (int r = 0; r < rows; r++) {
            plain[r] = DotProducts.dot(q, data, r * D);
        }
        assertThat(simd).isEqualTo(plain);
        assertThat(scalar).isEqualTo(plain);
    }

    @Test
    void nearestIsTheBestKOfASortOfEveryRowWithEitherKernel() {
        Random random = new Random(11);
        VectorMatrix matrix = new VectorMatrix(0);
        List<QuantizedVector> vectors = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            QuantizedVector v = QuantizedVector.of(unit(random));
            vectors.add(v);
            if (i % 2 == 0) {
                matrix.put("T-" + i, v);
            } else {
                matrix.putStored("T-" + i, v.toBytes());
            }
        }
        matrix.remove("T-10");
        matrix.trim();
        QuantizedVector query = QuantizedVector.of(unit(random));
        // every row's score, the best 50 by it, then ordered as reported (cosine to four decimals, then id)
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            if (i != 10 && i != 21) { // removed, excluded
                rows.add(i);
            }
        }
        rows.sort(Comparator.comparingDouble((Integer i) -> score(query, vectors.get(i))).reversed());
        List<VectorMatrix.Scored> best = new ArrayList<>();
        for (int i : rows.subList(0, 50)) {
            best.add(new VectorMatrix.Scored("T-" + i, Math.round(10_000.0 * score(query, vectors.get(i)) * query.scale()) / 10_000.0));
        }
        best.sort(Comparator.comparingDouble(VectorMatrix.Scored::cosine).reversed().thenComparing(VectorMatrix.Scored::id));

        assertThat(matrix.size()).isEqualTo(1_999);
        assertThat(matrix.nearest(query, 50, -1, "T-21", id -> true, DotProducts.BEST)).isEqualTo(best);
        assertThat(matrix.nearest(query, 50, -1, "T-21", id -> true, DotProducts.SCALAR)).isEqualTo(best);
        // the bar applies after ranking; ineligible rows never take a place
        assertThat(matrix.nearest(query, 5, 2.0, null)).isEmpty();
        assertThat(matrix.nearest(query, 5, -1, null, id -> id.endsWith("7")))
                .allSatisfy(s -> assertThat(s.id()).endsWith("7")).hasSize(5);
    }

    private static float[] unit(Random random) {
        float[] v = new float[D];
        double norm = 0;
        for (int i = 0; i < D; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < D; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    /** A row's score as the scan ranks it: the int8 dot product times the row's scale. */
    private static float score(QuantizedVector q, QuantizedVector row) {
        return DotProducts.dot(q.values(), row.values(), 0) * row.scale();
    }
}
