package com.aiagents.platform.worker.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabaseExtension;
import com.aiagents.platform.worker.db.TicketHistoryDao;
import com.aiagents.platform.worker.db.TicketRecord;
import com.aiagents.platform.worker.db.VectorPackDao;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packed sign bits (V23) on a real, migrated database as the worker's own runtime role: a
 * search through the packs ranks exactly as the scan of the whole int8 matrix, the backfill
 * builds the packs and a load catches up with what changed after them, and a tenant's packs are
 * invisible and unwritable in another tenant's context.
 */
class VectorPackTest {
    @RegisterExtension
    static TestDatabaseExtension db = new TestDatabaseExtension();

    static final TenantId A = TenantId.of("packs-a");
    static final TenantId B = TenantId.of("packs-b");
    /** 60 topics of 50 tickets each: alike within a topic (cosine ~0.4-0.6), unrelated across. */
    static final int TOPICS = 60;
    static final int PER_TOPIC = 50;

    static TenantDatabase database;
    static float[][] centres;

    @BeforeAll
    static void seed() {
        var d = db.get();
        database = new TenantDatabase(Jdbi.create(d.jdbcUrl(), d.roleFor(ServiceRole.ENHANCEMENT_WORKER), d.password()));
        Random random = new Random(3);
        centres = new float[TOPICS][];
        for (int t = 0; t < TOPICS; t++) {
            centres[t] = SentenceEmbedder.unit(SignMatrixTest.gaussian(random));
        }
        List<String> ids = new ArrayList<>();
        List<QuantizedVector> vectors = new ArrayList<>();
        for (int i = 0; i < TOPICS * PER_TOPIC; i++) {
            ids.add(String.format("T-%05d", i));
            vectors.add(member(random, i % TOPICS));
        }
        write(A, ids, vectors);
        write(B, List.of("B-ONLY"), List.of(member(random, 0)));
    }

    /** A ticket of {@code topic}: its centre plus noise of the same length. */
    static QuantizedVector member(Random random, int topic) {
        float[] noise = SentenceEmbedder.unit(SignMatrixTest.gaussian(random));
        float[] v = new float[SentenceEmbedder.DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = centres[topic][i] + 1.1f * noise[i];
        }
        return QuantizedVector.of(SentenceEmbedder.unit(v));
    }

    /** Resolved tickets with their embeddings, as the worker's import writes them (text and vector together). */
    static void write(TenantId tenant, List<String> ids, List<QuantizedVector> vectors) {
        database.inTenant(tenant, h -> {
            List<TicketRecord> rows = new ArrayList<>();
            for (String id : ids) {
                rows.add(new TicketRecord(id, "Subject " + id, "Description " + id, "Fixed " + id, null, null, null,
                        "seed", null));
            }
            new TicketHistoryDao().upsert(h, rows);
            PreparedBatch batch = h.prepareBatch("UPDATE ticket_history SET embedding = :e, embedded_at = now() "
                    + "WHERE tenant_id = :t AND ticket_id = :id");
            for (int i = 0; i < ids.size(); i++) {
                batch.bind("e", vectors.get(i).toBytes()).bind("t", tenant.value()).bind("id", ids.get(i)).add();
            }
            return batch.execute();
        });
    }

    static VectorIndex index(boolean signPacks) {
        EmbeddingSettings settings = new EmbeddingSettings();
        settings.setSignPacks(signPacks);
        return new VectorIndex(database, settings, t -> { });
    }

    @Test
    void aSearchThroughThePacksRanksExactlyAsTheWholeMatrixScan() {
        assertThat(new VectorPacks(database).rebuild(A)).isEqualTo(TOPICS * PER_TOPIC);
        TenantVectors packed = index(true).forTenant(A);
        TenantVectors whole = index(false).forTenant(A);
        assertThat(packed.ticketSigns()).isNotNull();
        assertThat(packed.ticketCount()).isEqualTo(whole.ticketCount()).isEqualTo(TOPICS * PER_TOPIC);
        assertThat(packed.weight()).isLessThan(whole.weight() / 2);

        Random random = new Random(5);
        for (int i = 0; i < 40; i++) {
            QuantizedVector query = member(random, random.nextInt(TOPICS));
            String exclude = i % 2 == 0 ? null : String.format("T-%05d", i);
            List<VectorMatrix.Scored> exact = whole.tickets().nearestWithFeedback(query, 20, 0.2, exclude, 1.0, 0.7, id -> true);
            List<VectorMatrix.Scored> viaPacks = database.inTenant(A, h -> packed.ticketCandidates(h, A, query, exclude,
                    id -> true, List.of()).nearestWithFeedback(query, 20, 0.2, exclude, 1.0, 0.7, id -> true));
            assertThat(exact).hasSize(20);
            assertThat(viaPacks).isEqualTo(exact);
            List<VectorMatrix.Scored> pool = database.inTenant(A, h -> packed.ticketCandidates(h, A, query, exclude,
                    id -> true, List.of()).nearest(query, 50, -1.0, exclude));
            assertThat(pool).isEqualTo(whole.tickets().nearest(query, 50, -1.0, exclude));
        }
    }

    @Test
    void theBackfillBuildsThePackAndALoadCatchesUpWithWhatChangedAfterIt() {
        TenantId c = TenantId.of("packs-c");
        Random random = new Random(9);
        List<String> ids = new ArrayList<>();
        List<QuantizedVector> vectors = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add("C-" + i);
            vectors.add(member(random, i % TOPICS));
        }
        write(c, ids, vectors);
        VectorPacks packs = new VectorPacks(database);
        assertThat(packs.stale(c)).isTrue(); // embedded rows, no pack yet
        EmbeddingBackfill backfill = new EmbeddingBackfill(database, new EmbeddingWriter(new SentenceEmbedder(), index(true)), 50, packs);
        assertThat(backfill.run(c)).isZero(); // nothing to embed, the pack is built all the same
        assertThat(packs.stale(c)).isFalse();
        VectorPackDao.Pack pack = database.inTenant(c, h -> new VectorPackDao().read(h, c.value(), VectorPacks.TICKETS));
        assertThat(pack.rows()).isEqualTo(300);

        // after the pack: a new ticket, one whose resolution is emptied (same text: the upsert moves
        // embedded_at), and one whose text changes (its embedding is gone until it is embedded again)
        QuantizedVector fresh = member(random, 7);
        write(c, List.of("C-NEW"), List.of(fresh));
        database.inTenant(c, h -> new TicketHistoryDao().upsert(h, List.of(
                new TicketRecord("C-7", "Subject C-7", "Description C-7", "", null, null, null, "seed", null),
                new TicketRecord("C-67", "Another subject", "Description C-67", "Fixed", null, null, null, "seed", null))));
        VectorPacks.Loaded loaded = database.inTenant(c, h -> packs.load(h, c));
        assertThat(loaded.rebuild()).isFalse();
        assertThat(loaded.signs().size()).isEqualTo(300);
        assertThat(loaded.signs().candidates(fresh, 300, null, id -> true)).contains("C-NEW", "C-67").doesNotContain("C-7");
        // what the search ranks is read by id now: the row without an embedding is not among it
        TenantVectors cached = index(true).forTenant(c);
        List<VectorMatrix.Scored> ranked = database.inTenant(c, h -> cached.ticketCandidates(h, c, fresh, null,
                id -> true, List.of("C-67")).nearest(fresh, 400, -1.0, null));
        assertThat(ranked).hasSize(299).extracting(VectorMatrix.Scored::id).contains("C-NEW").doesNotContain("C-7", "C-67");
        backfill.close();
    }

    @Test
    void aTenantsPacksAreInvisibleAndUnwritableInAnotherTenantsContext() {
        VectorPacks packs = new VectorPacks(database);
        packs.rebuild(A);
        assertThat(packs.rebuild(B)).isEqualTo(1);
        VectorPackDao dao = new VectorPackDao();
        // as the worker's role in A's context: B's pack does not exist, even asked for by tenant id
        VectorPackDao.Pack seen = database.inTenant(A, h -> dao.read(h, B.value(), VectorPacks.TICKETS));
        assertThat(seen).isNull();
        int others = database.inTenant(A, h -> h.createQuery("SELECT count(*) FROM vector_packs WHERE tenant_id <> :a")
                .bind("a", A.value()).mapTo(Integer.class).one());
        assertThat(others).isZero();
        VectorPackDao.Pack own = database.inTenant(B, h -> dao.read(h, B.value(), VectorPacks.TICKETS));
        assertThat(own.rows()).isEqualTo(1);
        // nor can A's context write or erase one of B's
        assertThatThrownBy(() -> database.inTenant(A, h -> {
            dao.replace(h, B.value(), VectorPacks.TICKETS, java.time.Instant.now(),
                    List.of(new SignMatrix.Chunk(0, new byte[0], new byte[0])));
            return null;
        })).hasMessageContaining("row-level security");
        int deleted = database.inTenant(A, h -> h.createUpdate("DELETE FROM vector_packs WHERE tenant_id = :b")
                .bind("b", B.value()).execute());
        assertThat(deleted).isZero();
        VectorPackDao.Pack still = database.inTenant(B, h -> dao.read(h, B.value(), VectorPacks.TICKETS));
        assertThat(still.rows()).isEqualTo(1);
        // and A's search never nominates B's ticket
        TenantVectors a = index(true).forTenant(A);
        assertThat(a.ticketSigns().candidates(member(new Random(1), 0), TOPICS * PER_TOPIC + 10, null, id -> true))
                .hasSize(TOPICS * PER_TOPIC).doesNotContain("B-ONLY");
    }
}
