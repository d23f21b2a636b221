package com.aiagents.platform.worker.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.worker.db.EmbeddingDao;
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

    @Test
    void aLoadKeepsTheIdsAsStoredUntilAChangeByIdAndLeavesRoomForTheCatchUp() {
        Random random = new Random(13);
        SignMatrix signs = randomRows(random, "Ticket-", 1000);
        SignMatrix read = loadedFrom(signs, 256);
        read.trim();
        // the signs, two slots a row and the stored ids: no decoded id, no map entry counted
        int capacity = 1000 + SignMatrix.slack(1000);
        long loaded = read.weight();
        assertThat(loaded).isEqualTo((long) capacity * (SignMatrix.ROW_BYTES + 8) + idBytes(signs, 256));

        read.put("NEW", QuantizedVector.of(SentenceEmbedder.unit(gaussian(random))));
        // a change by id builds the id-to-row map; the new row fits in the slack (no growth by half)
        assertThat(read.weight()).isEqualTo(loaded + (long) capacity * 120);
        assertThat(read.size()).isEqualTo(1001);
        QuantizedVector query = QuantizedVector.of(SentenceEmbedder.unit(gaussian(random)));
        read.remove("NEW");
        assertThat(read.candidates(query, 1000, null, id -> true)).isEqualTo(signs.candidates(query, 1000, null, id -> true));
    }

    @Test
    void aCatchUpsChangesAreFoundWithoutBuildingTheIdMap() {
        Random random = new Random(17);
        SignMatrix reference = randomRows(random, "T-", 500);
        SignMatrix read = loadedFrom(reference, 200);
        long loaded = read.weight();

        // a replaced row, a new one, the last row and another removed, a removal of a row not there
        List<EmbeddingDao.Changed> few = List.of(
                new EmbeddingDao.Changed("T-7", QuantizedVector.of(SentenceEmbedder.unit(gaussian(random))), true),
                new EmbeddingDao.Changed("NEW-1", QuantizedVector.of(SentenceEmbedder.unit(gaussian(random))), true),
                new EmbeddingDao.Changed("T-499", null, false),
                new EmbeddingDao.Changed("T-3", null, false),
                new EmbeddingDao.Changed("GONE", null, false));
        read.apply(few);
        applyOneByOne(reference, few);
        assertThat(read.weight()).isEqualTo(loaded); // no id-to-row map, no growth
        assertThat(read.size()).isEqualTo(reference.size()).isEqualTo(499);
        for (int i = 0; i < 10; i++) {
            QuantizedVector query = QuantizedVector.of(SentenceEmbedder.unit(gaussian(random)));
            assertThat(read.candidates(query, 499, null, id -> true))
                    .containsExactlyInAnyOrderElementsOf(reference.candidates(query, 499, null, id -> true))
                    .contains("NEW-1").doesNotContain("T-499", "T-3");
            assertThat(read.candidates(query, 20, null, id -> true)).hasSameElementsAs(reference.candidates(query, 20, null, id -> true));
        }

        List<EmbeddingDao.Changed> many = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(i % 20 == 0 ? new EmbeddingDao.Changed("T-" + (100 + i), QuantizedVector.of(SentenceEmbedder.unit(gaussian(random))), true)
                    : new EmbeddingDao.Changed("T-" + (100 + i), null, false));
        }
        many.add(new EmbeddingDao.Changed("NEW-1", null, false)); // a row appended by a catch-up, found by its id
        read.apply(many);
        applyOneByOne(reference, many);
        assertThat(read.weight()).isEqualTo(loaded);
        assertThat(read.size()).isEqualTo(reference.size()).isEqualTo(308);
        QuantizedVector query = QuantizedVector.of(SentenceEmbedder.unit(gaussian(random)));
        assertThat(read.candidates(query, 500, null, id -> true))
                .containsExactlyInAnyOrderElementsOf(reference.candidates(query, 500, null, id -> true));
    }

    @Test
    void aCatchUpThatRemovesTheLastRowAndChangesAMovedOneMatchesOneByOneChanges() {
        Random random = new Random(29);
        SignMatrix reference = randomRows(random, "T-", 10);
        SignMatrix read = loadedFrom(reference, 4); // row i holds T-i
        List<EmbeddingDao.Changed> batch = List.of(
                new EmbeddingDao.Changed("T-9", null, false), // the last row: nothing moves
                new EmbeddingDao.Changed("T-2", null, false), // T-8, now last, moves into row 2
                new EmbeddingDao.Changed("T-8", QuantizedVector.of(SentenceEmbedder.unit(gaussian(random))), true));
        read.apply(batch);
        applyOneByOne(reference, batch);
        assertThat(read.size()).isEqualTo(reference.size()).isEqualTo(8);
        boolean t8Ranked = false;
        for (int i = 0; i < 20; i++) {
            QuantizedVector query = QuantizedVector.of(SentenceEmbedder.unit(gaussian(random)));
            List<String> top = read.candidates(query, 3, null, id -> true);
            assertThat(top).containsExactlyElementsOf(reference.candidates(query, 3, null, id -> true))
                    .doesNotContain("T-9", "T-2");
            t8Ranked |= top.contains("T-8");
        }
        assertThat(t8Ranked).as("the changed row was compared by its new signs at least once").isTrue();
    }

    /** {@code n} rows of random vectors, ids {@code prefix} + 0.. */
    private static SignMatrix randomRows(Random random, String prefix, int n) {
        SignMatrix signs = new SignMatrix(0);
        for (int i = 0; i < n; i++) {
            signs.put(prefix + i, QuantizedVector.of(SentenceEmbedder.unit(gaussian(random))));
        }
        return signs;
    }

    /** The matrix a load makes of {@code source}'s pack: sized for its rows with the slack, then its chunks. */
    private static SignMatrix loadedFrom(SignMatrix source, int rowsPerChunk) {
        int rows = source.size();
        SignMatrix read = new SignMatrix(rows + SignMatrix.slack(rows), idBytes(source, rowsPerChunk));
        source.chunks(rowsPerChunk).forEach(read::addChunk);
        return read;
    }

    private static int idBytes(SignMatrix source, int rowsPerChunk) {
        return source.chunks(rowsPerChunk).stream().mapToInt(c -> c.ids().length).sum();
    }

    private static void applyOneByOne(SignMatrix into, List<EmbeddingDao.Changed> changed) {
        for (EmbeddingDao.Changed c : changed) {
            if (c.searchable()) {
                into.put(c.id(), c.vector());
            } else {
                into.remove(c.id());
            }
        }
    }

    @Test
    void aChunkWhoseIdsDoNotMatchItsRowsIsRefused() {
        byte[] oneId = {0, 1, 'A'};
        assertThatThrownBy(() -> new SignMatrix(0).addChunk(new SignMatrix.Chunk(2, oneId, new byte[2 * SignMatrix.ROW_BYTES])))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] twoIds = {0, 1, 'A', 0, 1, 'B'};
        assertThatThrownBy(() -> new SignMatrix(0).addChunk(new SignMatrix.Chunk(1, twoIds, new byte[SignMatrix.ROW_BYTES])))
                .isInstanceOf(IllegalArgumentException.class);
        SignMatrix ok = new SignMatrix(0);
        ok.addChunk(new SignMatrix.Chunk(2, twoIds, new byte[2 * SignMatrix.ROW_BYTES]));
        assertThat(ok.candidates(QuantizedVector.of(SentenceEmbedder.unit(gaussian(new Random(1)))), 5, "A", id -> true))
                .containsExactly("B");
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
