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

    private PostingStart startPosting(HistoryRow seen, String job) {
        return database.inTenant(TENANT, h -> history.startPosting(h, seen, job, "Ref ENH-" + seen.id(), "hash"));
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
}
