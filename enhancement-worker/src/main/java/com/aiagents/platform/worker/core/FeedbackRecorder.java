package com.aiagents.platform.worker.core;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.common.feedback.FeedbackVote;
import com.aiagents.platform.common.feedback.FeedbackVoteMessage;
import com.aiagents.platform.worker.db.FeedbackDao;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.args.ListDirection;

/**
 * Stores the votes the gateway hands over on the Redis list {@code enhancement_feedback} (docs/feedback.md).
 * Each round rotates the list's oldest entry to its head ({@code BLMOVE} from and to the same list), stores
 * it, then removes exactly that entry: a worker that dies in between leaves the vote on the list for the
 * next round, so nothing is lost, and no per-worker list is left behind. Two workers may then store one
 * vote twice; the table keeps the latest click per enhancement, so the second changes nothing and the
 * metric counts the vote once.
 */
public final class FeedbackRecorder implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackRecorder.class);
    private static final double WAIT_SECONDS = 1.0;
    /** After a database or Redis failure: the entry stays on the list, tried again after this. */
    private static final Duration BACKOFF = Duration.ofSeconds(2);

    private final UnifiedJedis redis;
    private final TenantDatabase database;
    private final ObjectMapper json;
    private final WorkerMetrics metrics;
    private final FeedbackDao dao = new FeedbackDao();
    private volatile boolean running;
    private Thread thread;

    public FeedbackRecorder(UnifiedJedis redis, TenantDatabase database, ObjectMapper json, WorkerMetrics metrics) {
        this.redis = redis;
        this.database = database;
        this.json = json;
        this.metrics = metrics;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "feedback-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(Duration.ofSeconds(5).toMillis());
        }
    }

    private void loop() {
        while (running) {
            try {
                recordNext();
            } catch (RuntimeException e) {
                LOG.warn("event=feedback_record_failed error={}", e.getClass().getSimpleName());
                sleep();
            }
        }
    }

    /** One round: waits up to a second for an entry; false when there was none. */
    boolean recordNext() {
        String entry;
        entry = redis.blmove(FeedbackVoteMessage.LIST, FeedbackVoteMessage.LIST,
                ListDirection.RIGHT, ListDirection.LEFT, WAIT_SECONDS);
        if (entry == null) {
            return false;
        }
        store(entry);
        redis.lrem(FeedbackVoteMessage.LIST, 1, entry);
        return true;
    }

    private void store(String entry) {
        FeedbackVoteMessage vote;
        try {
            vote = json.readValue(entry, FeedbackVoteMessage.class);
        } catch (JsonProcessingException e) {
            LOG.warn("event=feedback_vote_dropped reason=unreadable");
            return;
        }
        if (!TenantId.isValid(vote.tenantId()) || FeedbackVote.fromWire(vote.vote()).isEmpty()
                || vote.votedAt() == null || vote.voteId() == null) {
            LOG.warn("event=feedback_vote_dropped reason=invalid vote_id={}", vote.voteId());
            return;
        }
        FeedbackDao.Stored stored = database.inTenant(TenantId.of(vote.tenantId()),
                h -> dao.record(h, vote.enhancementId(), vote.vote(), vote.voteId(), vote.votedAt()));
        LOG.info("event=feedback_vote_stored tenant_id={} enhancement_id={} vote={} result={} vote_id={}",
                vote.tenantId(), vote.enhancementId(), vote.vote(), stored.name().toLowerCase(java.util.Locale.ROOT),
                vote.voteId());
        if (stored == FeedbackDao.Stored.NEW) {
            metrics.feedback(vote.tenantId(), vote.vote());
        } else if (stored == FeedbackDao.Stored.CHANGED) { // two verdicts: the one replaced is the other
            metrics.feedbackChanged(vote.tenantId(), vote.vote(),
                    FeedbackVote.fromWire(vote.vote()).orElseThrow().other().wireName());
        }
    }

    private void sleep() {
        try {
            Thread.sleep(BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
