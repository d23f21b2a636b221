package com.aiagents.platform.worker.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.schema.ServiceRole;
import com.aiagents.platform.testing.TestDatabaseExtension;
import com.aiagents.platform.worker.db.EnhancementHistoryDao.PostingStart;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The history row as two attempts at one ticket event see it, on the real migrated database as
 * the worker's role: only one of them may start posting the note.
 */
class EnhancementHistoryDaoTest {
    @RegisterExtension
    static TestDatabaseExtension db = new TestDatabaseExtension();

    static final TenantId TENANT = TenantId.of("history-a");
    static TenantDatabase database;
    final EnhancementHistoryDao history = new EnhancementHistoryDao();

    @BeforeAll
    static void connect() {
        var d = db.get();
        database = new TenantDatabase(Jdbi.create(d.jdbcUrl(), d.roleFor(ServiceRole.ENHANCEMENT_WORKER), d.password()));
    }

    private HistoryRow receive(String ticket, String job) {
        return database.inTenant(TENANT, h -> history.receive(h, ticket, "ek-" + ticket, job));
    }

    private static final java.util.concurrent.atomic.AtomicLong CLAIMS = new java.util.concurrent.atomic.AtomicLong();

    /** Each call is a new, newer claim (as the queue's claim tokens are). */
    private PostingStart startPosting(HistoryRow seen, String job) {
        return startPosting(seen, job, CLAIMS.incrementAndGet());
    }

    private PostingStart startPosting(HistoryRow seen, String job, long token) {
        return database.inTenant(TENANT, h -> history.startPosting(h, seen, job, token, "Ref ENH-" + seen.id(), "hash", null));
    }

    private HistoryRow current(String ticket, String job) {
        return receive(ticket, job); // receiving again changes nothing but the attempt count
    }

    @Test
    void ofTwoJobsOfOneEventOnlyTheFirstToArriveStartsPosting() {
        HistoryRow seenByFirst = receive("T-1", "job-1");
        HistoryRow seenBySecond = receive("T-1", "job-2");
        assertThat(seenBySecond.id()).isEqualTo(seenByFirst.id());

        assertThat(startPosting(seenByFirst, "job-1")).isEqualTo(PostingStart.STARTED);
        assertThat(startPosting(seenBySecond, "job-2")).isEqualTo(PostingStart.OTHER_JOB);
        HistoryRow row = current("T-1", "job-3");
        assertThat(row.status()).isEqualTo(HistoryRow.POSTING);
        assertThat(row.jobId()).isEqualTo("job-1");
    }

    @Test
    void aPostedRowIsNeverTakenBackToPosting() {
        HistoryRow seen = receive("T-2", "job-1");
        assertThat(startPosting(seen, "job-1")).isEqualTo(PostingStart.STARTED);
        database.inTenant(TENANT, h -> {
            history.posted(h, seen.id(), "note-1", 10);
            return null;
        });
        assertThat(startPosting(seen, "job-1")).isEqualTo(PostingStart.SAME_JOB);
        assertThat(startPosting(receive("T-2", "job-2"), "job-2")).isEqualTo(PostingStart.OTHER_JOB);
        assertThat(current("T-2", "job-2").status()).isEqualTo(HistoryRow.POSTED);
    }

    @Test
    void anAttemptThatFoundAPostingRowTakesItOverOnlyIfNobodyElseDidMeanwhile() {
        HistoryRow crashed = receive("T-3", "job-1");
        assertThat(startPosting(crashed, "job-1")).isEqualTo(PostingStart.STARTED);
        // two later attempts both find "posting" (and, say, no marker in SDP)
        HistoryRow seenByA = receive("T-3", "job-1");
        HistoryRow seenByB = receive("T-3", "job-1");
        assertThat(startPosting(seenByA, "job-1")).isEqualTo(PostingStart.STARTED);
        assertThat(startPosting(seenByB, "job-1")).isEqualTo(PostingStart.SAME_JOB);
    }

    @Test
    void receivingAgainKeepsTheTimeOfTheLastStateChange() {
        HistoryRow first = receive("T-4", "job-1");
        assertThat(startPosting(first, "job-1")).isEqualTo(PostingStart.STARTED);
        Instant postingSince = current("T-4", "job-1").updatedAt();
        HistoryRow again = receive("T-4", "job-2");
        assertThat(again.updatedAt()).isEqualTo(postingSince);
        assertThat(again.attempts()).isEqualTo(first.attempts() + 2);
    }

    @Test
    void aFailedAttemptOfAnotherJobNeitherRefreshesNorBlocksAPostingRow() {
        HistoryRow first = receive("T-5", "job-1");
        assertThat(startPosting(first, "job-1")).isEqualTo(PostingStart.STARTED);
        HistoryRow retryOfFirst = receive("T-5", "job-1"); // job-1 crashed while posting and runs again
        HistoryRow seenBySecond = receive("T-5", "job-2");
        database.inTenant(TENANT, h -> {
            history.failedAttempt(h, seenBySecond.id(), "posting_in_progress_elsewhere", false);
            return null;
        });
        HistoryRow row = current("T-5", "job-3");
        assertThat(row.status()).isEqualTo(HistoryRow.POSTING);
        assertThat(row.updatedAt()).isEqualTo(retryOfFirst.updatedAt());
        assertThat(startPosting(retryOfFirst, "job-1")).isEqualTo(PostingStart.STARTED);
    }

    private boolean holds(long id, long token, java.time.Duration margin) {
        Boolean holds = database.inTenant(TENANT, h -> history.holdsPosting(h, id, token, java.time.Duration.ofMinutes(2), margin));
        return holds;
    }

    private boolean recordByClaim(long id, long token, String note) {
        Boolean recorded = database.inTenant(TENANT, h -> history.postedByClaim(h, id, token, note, 5));
        return recorded;
    }

    private java.util.Optional<java.time.Duration> budgetWait(String ticket, long id) {
        java.util.Optional<java.time.Duration> wait =
                database.inTenant(TENANT, h -> history.noteBudgetWait(h, ticket, id, 2, java.time.Duration.ofHours(1)));
        return wait;
    }

    private boolean alreadyEnhanced(String ticket, String fingerprint) {
        Boolean enhanced = database.inTenant(TENANT, h -> history.contentAlreadyEnhanced(h, ticket, fingerprint, "ek-update"));
        return enhanced;
    }

    private HistoryRow receiveEvent(String ticket, String eventKey) {
        return database.inTenant(TENANT, h -> history.receive(h, ticket, eventKey, "job"));
    }

    @Test
    void onlyTheClaimHoldingThePostingRecordsTheNoteAndAnOlderClaimCannotTakeItBack() {
        HistoryRow seen = receive("T-6", "job-1");
        assertThat(startPosting(seen, "job-1", 1_000_001)).isEqualTo(PostingStart.STARTED);
        // the first claim is reaped mid-POST; a newer claim of the job takes the posting over
        HistoryRow seenByNewer = receive("T-6", "job-1");
        assertThat(startPosting(seenByNewer, "job-1", 1_000_002)).isEqualTo(PostingStart.STARTED);
        // the first claim wakes up: it can neither start posting again nor record its note
        assertThat(startPosting(seenByNewer, "job-1", 1_000_001)).isEqualTo(PostingStart.FENCED);
        assertThat(holds(seen.id(), 1_000_001, java.time.Duration.ZERO)).isFalse();
        assertThat(recordByClaim(seen.id(), 1_000_001, "late-note")).isFalse();
        assertThat(holds(seen.id(), 1_000_002, java.time.Duration.ofSeconds(30))).isTrue();
        assertThat(holds(seen.id(), 1_000_002, java.time.Duration.ofMinutes(3))).as("not enough lease left").isFalse();
        assertThat(recordByClaim(seen.id(), 1_000_002, "note-6")).isTrue();
        HistoryRow row = current("T-6", "job-9");
        assertThat(row.status()).isEqualTo(HistoryRow.POSTED);
        assertThat(row.sdpNoteId()).isEqualTo("note-6");
    }

    @Test
    void aTicketsNoteBudgetCountsNotesOfAllItsEventsInTheWindow() {
        for (int i = 1; i <= 2; i++) {
            HistoryRow row = receiveEvent("T-7", "ek-7-" + i);
            assertThat(budgetWait("T-7", row.id())).isEmpty();
            assertThat(startPosting(row, "job")).isEqualTo(PostingStart.STARTED);
        }
        HistoryRow third = receiveEvent("T-7", "ek-7-3");
        assertThat(budgetWait("T-7", third.id()))
                .hasValueSatisfying(w -> assertThat(w).isBetween(java.time.Duration.ofMinutes(50), java.time.Duration.ofHours(1)));
        // another ticket's budget is its own
        assertThat(budgetWait("T-8", receiveEvent("T-8", "ek-8").id())).isEmpty();
    }

    @Test
    void contentAlreadyEnhancedByAnotherEventOfTheTicketIsNotNew() {
        HistoryRow created = receive("T-9", "job-1");
        database.inTenant(TENANT, h -> history.startPosting(h, created, "job-1", CLAIMS.incrementAndGet(), "m", "hash", "fp-1"));
        assertThat(alreadyEnhanced("T-9", "fp-1")).isTrue();
        assertThat(alreadyEnhanced("T-9", "fp-2")).isFalse();
        assertThat(alreadyEnhanced("T-10", "fp-1")).isFalse();
    }
}
