package com.aiagents.platform.sdpsim.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fills an instance with resolved requests from the support corpus, so the platform has a
 * history to import and learn from. The same seed gives the same subjects, descriptions,
 * resolutions, priorities, people and order; times are spread over the 90 days before today
 * (UTC midnight), so they too repeat within a day. No webhooks are sent.
 */
public final class HistorySeeder {

    private static final int HISTORY_DAYS = 90;
    private static final int MAX_MINUTES_TO_RESOLVE = 3 * 24 * 60;

    private final SupportCorpus corpus;
    private final Clock clock;

    public HistorySeeder(SupportCorpus corpus, Clock clock) {
        this.corpus = corpus;
        this.clock = clock;
    }

    public List<StoredRequest> seed(RequestStore store, int count, long seed) {
        return seed(store, count, seed, new MspAccounts.Placement(null, null));
    }

    /** Seeds into an MSP account and site ({@code placement} of nulls elsewhere). */
    public List<StoredRequest> seed(RequestStore store, int count, long seed, MspAccounts.Placement placement) {
        Random random = new Random(seed);
        Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
        List<StoredRequest> created = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SupportCorpus.Topic topic = pick(random, corpus.topics());
            String subject = pick(random, topic.subjects());
            SupportCorpus.Person requester = pick(random, corpus.requesters());
            String technician = pick(random, corpus.technicians());
            Instant openedAt = today.minus(Duration.ofMinutes(1 + random.nextInt(HISTORY_DAYS * 24 * 60)));
            Instant resolvedAt = min(openedAt.plus(Duration.ofMinutes(15 + random.nextInt(MAX_MINUTES_TO_RESOLVE))), today);
            String status = random.nextInt(4) == 0 ? "Closed" : "Resolved";
            StoredRequest template = new StoredRequest(null, null, subject, topic.description(), status,
                    topic.priority(), new Requester(requester.name(), requester.email()), technician,
                    topic.category(), openedAt, resolvedAt, resolvedAt,
                    new StoredResolution(topic.resolution(), resolvedAt, technician),
                    placement.account(), placement.site());
            created.add(store.insertWithNewIds(template));
        }
        return created;
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
