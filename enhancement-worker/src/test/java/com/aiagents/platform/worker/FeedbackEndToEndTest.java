package com.aiagents.platform.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.common.feedback.FeedbackClaim;
import com.aiagents.platform.common.feedback.FeedbackTokens;
import com.aiagents.platform.common.feedback.FeedbackVote;
import com.aiagents.platform.common.feedback.FeedbackVoteMessage;
import com.aiagents.platform.sdp.model.NewSdpRequest;
import com.aiagents.platform.sdp.model.SdpNote;
import com.aiagents.platform.worker.db.FeedbackDao;
import com.aiagents.platform.worker.support.Gateway;
import com.aiagents.platform.worker.support.WorkerEnvironment;
import com.aiagents.platform.worker.support.WorkerEnvironment.Tenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * docs/feedback.md end to end: the worker posts a note with two signed links (to the SDP simulator), a
 * technician opens one through the real gateway (GET: a page, no vote), presses the button (POST), and the
 * worker stores the vote from Redis in enhancement_feedback and counts it; forged and expired links store
 * nothing.
 */
class FeedbackEndToEndTest {
    private static final String KEY = "end-to-end-feedback-signing-key-0123456789abcdef";
    /** The links' host as the worker writes it; the test sends the link's path to the in-process gateway. */
    private static final String PUBLIC_URL = "https://hooks.example.test";
    private static final Pattern LINK = Pattern.compile(
            "<a href=\"" + Pattern.quote(PUBLIC_URL) + "/feedback/([A-Za-z0-9_.-]+)\">(Helpful|Not helpful)</a>");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static WorkerEnvironment env = new WorkerEnvironment(Map.of("feedback.baseUrl", PUBLIC_URL,
            "feedback.signingKey", KEY));
    static Gateway gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = Gateway.start(env, Map.of("feedback.signingKey", KEY));
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    private record Links(long enhancementId, String helpful, String notHelpful) {
    }

    /** A ticket through the gateway to a posted note; the note's two links. */
    private Links noteFor(Tenant t, String subject) throws Exception {
        String id = t.sdp().createRequest(NewSdpRequest.of(subject, subject + " since this morning", "u@example.com")).id();
        assertThat(gateway.send(t, "{\"ticket_id\":\"" + id + "\"}").statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> t.sdp().listNotes(id).size() == 1);
        SdpNote note = t.sdp().listNotes(id).get(0);
        Matcher m = LINK.matcher(note.descriptionHtml());
        String helpful = null;
        String notHelpful = null;
        while (m.find()) {
            if (m.group(2).equals("Helpful")) {
                helpful = m.group(1);
            } else {
                notHelpful = m.group(1);
            }
        }
        assertThat(helpful).as("the note's Helpful link: " + note.descriptionHtml()).isNotNull();
        assertThat(notHelpful).as("the note's Not helpful link").isNotNull();
        long enhancementId = env.database().inTenant(t.id(), h -> h.createQuery(
                "SELECT id FROM enhancement_history WHERE ticket_id = :t").bind("t", id).mapTo(Long.class).one());
        assertThat(note.descriptionHtml()).contains("Ref ENH-" + enhancementId);
        String kept = env.database().inTenant(t.id(), h -> h.createQuery(
                "SELECT note_text FROM enhancement_history WHERE id = :id").bind("id", enhancementId).mapTo(String.class).one());
        assertThat(kept).as("the note's text as posted, kept for the console (V26)").isEqualTo(note.descriptionHtml());
        return new Links(enhancementId, helpful, notHelpful);
    }

    private HttpResponse<String> open(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/feedback/" + token)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> press(String token, String vote) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/feedback/" + token))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("vote=" + vote)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Optional<String> stored(TenantId tenant, long enhancementId) {
        return env.database().inTenant(tenant, h -> new FeedbackDao().vote(h, enhancementId));
    }

    private int changes(TenantId tenant, long enhancementId) {
        return env.database().inTenant(tenant, h -> h.createQuery(
                "SELECT changes FROM enhancement_feedback WHERE enhancement_id = :id").bind("id", enhancementId)
                .mapTo(Integer.class).one());
    }

    private long pendingVotes() {
        try (Jedis jedis = env.redis()) {
            return jedis.llen(FeedbackVoteMessage.LIST);
        }
    }

    private double counted(String tenant, String vote) {
        return counted(tenant, vote, "enhancement_feedback_total");
    }

    private double counted(String tenant, String vote, String metric) {
        String metrics = env.workerAdminHttp().get("/metrics", null).body();
        Matcher m = Pattern.compile("(?m)^" + metric + "\\{tenant_id=\"" + Pattern.quote(tenant)
                + "\",vote=\"" + vote + "\",?} ([0-9.eE+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void aVoteFromTheNoteIsStoredOnceAndCanBeChanged() throws Exception {
        Tenant t = env.createTenant("feedback-votes", null);
        Links links = noteFor(t, "Outlook cannot connect to Exchange");

        // a link scanner opens both links: pages with a button, no vote
        for (String token : List.of(links.helpful(), links.notHelpful())) {
            HttpResponse<String> page = open(token);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<form method=\"post\">");
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                    csp -> assertThat(csp).startsWith("default-src 'none'"));
        }
        assertThat(pendingVotes()).isZero();

        // the technician presses "Helpful"
        assertThat(press(links.helpful(), "helpful").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> stored(t.id(), links.enhancementId()).isPresent());
        assertThat(stored(t.id(), links.enhancementId())).contains("helpful");
        await().atMost(WAIT).until(() -> counted("feedback-votes", "helpful") == 1);

        // pressing it again counts nothing more
        assertThat(press(links.helpful(), "helpful").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> pendingVotes() == 0);
        assertThat(stored(t.id(), links.enhancementId())).contains("helpful");
        assertThat(changes(t.id(), links.enhancementId())).isZero();
        assertThat(counted("feedback-votes", "helpful")).isEqualTo(1);

        // changing their mind through the other link replaces the vote (latest counts), not adds one
        Thread.sleep(5); // a later click than the first, whatever the clock's resolution
        assertThat(press(links.notHelpful(), "not_helpful").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> stored(t.id(), links.enhancementId()).equals(Optional.of("not_helpful")));
        assertThat(changes(t.id(), links.enhancementId())).isEqualTo(1);
        int rows = env.database().inTenant(t.id(), h -> h.createQuery("SELECT count(*) FROM enhancement_feedback")
                .mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(1);
        await().atMost(WAIT).until(() -> counted("feedback-votes", "not_helpful") == 1);
        // and the helpful vote it replaced is retracted: the votes that stand are one, not helpful
        assertThat(counted("feedback-votes", "helpful", "enhancement_feedback_retracted_total")).isEqualTo(1);
        assertThat(counted("feedback-votes", "not_helpful", "enhancement_feedback_retracted_total")).isZero();
    }

    @Test
    void forgedAndExpiredLinksThroughTheGatewayStoreNothing() throws Exception {
        Tenant t = env.createTenant("feedback-forged", null);
        Links links = noteFor(t, "VPN drops every hour");
        String forged = new FeedbackTokens("not-the-platform-key-but-long-enough-000000", List.of(), Clock.systemUTC())
                .sign(new FeedbackClaim("feedback-forged", links.enhancementId(), FeedbackVote.HELPFUL,
                        Instant.now().plusSeconds(600)));
        String expired = new FeedbackTokens(KEY, List.of(), Clock.systemUTC())
                .sign(new FeedbackClaim("feedback-forged", links.enhancementId(), FeedbackVote.HELPFUL,
                        Instant.now().minusSeconds(1)));
        String altered = links.helpful().substring(0, 10) + (links.helpful().charAt(10) == 'A' ? 'B' : 'A')
                + links.helpful().substring(11);
        assertThat(press(forged, "helpful").statusCode()).isEqualTo(403);
        assertThat(press(expired, "helpful").statusCode()).isEqualTo(410);
        assertThat(press(altered, "helpful").statusCode()).isBetween(400, 403);
        assertThat(pendingVotes()).isZero();
        assertThat(stored(t.id(), links.enhancementId())).isEmpty();
    }

    @Test
    void aVoteNamingAnotherTenantsEnhancementStoresNothing() {
        Tenant a = env.createTenant("feedback-owner", null);
        Tenant b = env.createTenant("feedback-other", null);
        long ofA = env.database().inTenant(a.id(), h -> h.createQuery("INSERT INTO enhancement_history "
                + "(tenant_id, ticket_id, event_key, job_id, status) VALUES ('feedback-owner', 'T-1', 'ek', 'j', 'posted') "
                + "RETURNING id").mapTo(Long.class).one());
        FeedbackDao.Stored stored = env.database().inTenant(b.id(),
                h -> new FeedbackDao().record(h, ofA, "helpful", "v-1", Instant.now()));
        assertThat(stored).isEqualTo(FeedbackDao.Stored.NO_ENHANCEMENT);
        assertThat(stored(a.id(), ofA)).isEmpty();
        // an older click processed late never replaces a newer one
        Instant now = Instant.now();
        FeedbackDao.Stored first = env.database().inTenant(a.id(),
                h -> new FeedbackDao().record(h, ofA, "not_helpful", "v-2", now));
        FeedbackDao.Stored older = env.database().inTenant(a.id(),
                h -> new FeedbackDao().record(h, ofA, "helpful", "v-3", now.minusSeconds(5)));
        assertThat(first).isEqualTo(FeedbackDao.Stored.NEW);
        assertThat(older).isEqualTo(FeedbackDao.Stored.UNCHANGED);
        assertThat(stored(a.id(), ofA)).contains("not_helpful");
    }
}
