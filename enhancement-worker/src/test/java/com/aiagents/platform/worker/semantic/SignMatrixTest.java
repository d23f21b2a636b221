package com.aiagents.platform.worker.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sign bits on hand-made vectors: the nominees are the rows whose signs agree most with the
 * query's, a pack's chunks read back give the same matrix, and rows change by id after a load.
 */
class SignMatrixTest {
    @Test
    void theNomineesAreTheRowsWhoseSignsAgreeMost() {
        Random random = new Random(7);
        float[] base = gaussian(random);
        SignMatrix signs = new SignMatrix(0);
        signs.put("SAME", QuantizedVector.of(SentenceEmbedder.unit(base.clone())));
        signs.put("OPPOSITE", QuantizedVector.of(SentenceEmbedder.unit(negated(base))));
        for (int i = 0; i < 200; i++) {
            signs.put("R-" + i, QuantizedVector.of(SentenceEmbedder.unit(gaussian(random))));
        }
        QuantizedVector query = QuantizedVector.of(SentenceEmbedder.unit(base.clone()));

        assertThat(signs.candidates(query, 1, null, id -> true)).containsExactly("SAME");
        assertThat(signs.candidates(query, 201, null, id -> true)).hasSize(201).doesNotContain("OPPOSITE");
        assertThat(signs.candidates(query, 5, "SAME", id -> true)).hasSize(5).doesNotContain("SAME");
        assertThat(signs.candidates(query, 5, null, id -> id.startsWith("R-"))).hasSize(5).allMatch(id -> id.startsWith("R-"));
    }

    @Test
    void aPacksChunksReadBackAsTheSameRowsAndChangeByIdAfterwards() {
        Random random = new Random(11);
        SignMatrix signs = new SignMatrix(0);
        for (int i = 0; i < 1000; i++) {
            signs.put("Ticket-ü-" + i, QuantizedVector.of(SentenceEmbedder.unit(gaussian(random))));
        }
        List<SignMatrix.Chunk> chunks = signs.chunks(300);
        assertThat(chunks).extracting(SignMatrix.Chunk::rows).containsExactly(300, 300, 300, 100);
        assertThat(chunks.get(0).signs()).hasSize(300 * SignMatrix.ROW_BYTES);

        SignMatrix read = new SignMatrix(1000);
        chunks.forEach(read::addChunk);
        assertThat(read.size()).isEqualTo(1000);
        for (int i = 0; i < 20; i++) {
            QuantizedVector query = QuantizedVector.of(SentenceEmbedder.unit(gaussian(random)));
            assertThat(read.candidates(query, 30, null, id -> true)).isEqualTo(signs.candidates(query, 30, null, id -> true));
        }
        float[] v = gaussian(random);
        read.put("NEW", QuantizedVector.of(SentenceEmbedder.unit(v.clone())));
        read.remove("Ticket-ü-3");
        QuantizedVector query = QuantizedVector.of(SentenceEmbedder.unit(v));
        assertThat(read.size()).isEqualTo(1000);
        assertThat(read.candidates(query, 1, null, id -> true)).containsExactly("NEW");
        assertThat(read.candidates(query, 1000, null, id -> true)).doesNotContain("Ticket-ü-3").contains("Ticket-ü-999");
    }

    static float[] gaussian(Random random) {
        float[] v = new float[SentenceEmbedder.DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static float[] negated(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }
}
