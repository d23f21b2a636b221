package com.aiagents.platform.sdpsim.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RequestStoreConcurrencyTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 50;

    @Test
    void concurrentCreatesAndNotesGetUniqueIdsAndAreAllKept() throws Exception {
        RequestStore store = new RequestStore(Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<CompletableFuture<Void>> work = IntStream.range(0, THREADS)
                    .mapToObj(t -> CompletableFuture.runAsync(() -> {
                        for (int i = 0; i < PER_THREAD; i++) {
                            StoredRequest r = store.create(new RequestDraft("t" + t + "-" + i, null,
                                    new Requester("Guest", null), null, null, null));
                            store.addNote(r.id(), new NoteDraft("<p>n</p>", false, false, false, false));
                        }
                    }, pool))
                    .toList();
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        List<StoredRequest> all = store.list(new RequestQuery(1, THREADS * PER_THREAD, "id", false, List.of())).items();
        assertThat(store.requestCount()).isEqualTo(THREADS * PER_THREAD);
        assertThat(store.noteCount()).isEqualTo(THREADS * PER_THREAD);
        assertThat(all).extracting(StoredRequest::id).doesNotHaveDuplicates();
        assertThat(all).extracting(StoredRequest::displayId).doesNotHaveDuplicates();
    }
}
