package com.aiagents.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.common.feedback.FeedbackClaim;
import com.aiagents.platform.common.feedback.FeedbackTokens;
import com.aiagents.platform.common.feedback.FeedbackVote;
import com.aiagents.platform.common.feedback.FeedbackVoteMessage;
import com.aiagents.platform.gateway.support.GatewayApps;
import com.aiagents.platform.gateway.support.LogCapture;
import com.aiagents.platform.gateway.support.TenantServiceFixture;
import com.aiagents.platform.testing.TestRedisExtension;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** docs/feedback.md: the gateway's feedback page over real HTTP, with the hand-off list in a real Redis. */
class FeedbackPageTest {
    private static final String KEY = "gateway-test-feedback-signing-key-0123456789";
    private static final String PREVIOUS_KEY = "gateway-test-previous-feedback-key-9876543210";

    @RegisterExtension
    @Order(0)
    static final TenantServiceFixture registry = new TenantServiceFixture();

    @RegisterExtension
    @Order(1)
    static final TestRedisExtension redis = new TestRedisExtension();

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<WebhookGatewayConfiguration> app = GatewayApps.gateway("feedback",
            () -> redis.get().url(), registry,
            Map.of("feedback.signingKey", KEY, "feedback.previousSigningKey", PREVIOUS_KEY));

    private static final FeedbackTokens SIGNER = new FeedbackTokens(KEY, List.of(), Clock.systemUTC());
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().followRedirects(false).build();
    private static LogCapture logs;

    @BeforeAll
    static void capture() {
        logs = new LogCapture();
    }

    @AfterAll
    static void release() {
        logs.close();
    }

    @BeforeEach
    void emptyRedis() {
        redis.get().flush();
    }

    private static String token(long enhancementId, FeedbackVote vote, Instant expires) {
        return SIGNER.sign(new FeedbackClaim("acme-corp", enhancementId, vote, expires));
    }

    private static String validToken(long enhancementId, FeedbackVote vote) {
        return token(enhancementId, vote, Instant.now().plus(Duration.ofDays(1)));
    }

    private static String url(String token) {
        return "http://127.0.0.1:" + app.getLocalPort() + "/feedback/" + token;
    }

    private record Page(int status, String body, okhttp3.Headers headers) {
    }

    private static Page get(String token) throws Exception {
        try (Response r = HTTP.newCall(new Request.Builder().url(url(token)).build()).execute()) {
            return new Page(r.code(), r.body().string(), r.headers());
        }
    }

    private static Page post(String token, RequestBody body) throws Exception {
        try (Response r = HTTP.newCall(new Request.Builder().url(url(token)).post(body).build()).execute()) {
            return new Page(r.code(), r.body().string(), r.headers());
        }
    }

    private static Page vote(String token, String vote) throws Exception {
        return post(token, new FormBody.Builder().add("vote", vote).build());
    }

    private static List<FeedbackVoteMessage> handedOver() throws Exception {
        try (Jedis jedis = redis.get().connect()) {
            List<FeedbackVoteMessage> out = new java.util.ArrayList<>();
            for (String entry : jedis.lrange(FeedbackVoteMessage.LIST, 0, -1)) {
                out.add(JsonMapper.create().readValue(entry, FeedbackVoteMessage.class));
            }
            return out;
        }
    }

    @Test
    void getShowsAButtonAndVotesNothing() throws Exception {
        String token = validToken(7, FeedbackVote.HELPFUL);
        for (int i = 0; i < 3; i++) {
            Page page = get(token); // a link scanner following the link, more than once
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("<form method=\"post\">")
                    .contains("name=\"vote\" value=\"helpful\"").contains("ENH-7")
                    .doesNotContain("<script").doesNotContain("style=");
        }
        assertThat(handedOver()).isEmpty();
    }

    @Test
    void everyPageCarriesAStrictContentSecurityPolicy() throws Exception {
        for (Page page : List.of(get(validToken(7, FeedbackVote.HELPFUL)), get("not-a-token"))) {
            assertThat(page.headers().get("Content-Security-Policy")).startsWith("default-src 'none'")
                    .contains("form-action 'self'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(page.headers().get("Content-Type")).startsWith("text/html");
            assertThat(page.headers().get("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(page.headers().get("Cache-Control")).isEqualTo("no-store");
        }
    }

    @Test
    void thePostHandsTheVoteToTheWorkerList() throws Exception {
        Page page = vote(validToken(7, FeedbackVote.HELPFUL), "helpful");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("recorded");
        List<FeedbackVoteMessage> votes = handedOver();
        assertThat(votes).singleElement().satisfies(v -> {
            assertThat(v.tenantId()).isEqualTo("acme-corp");
            assertThat(v.enhancementId()).isEqualTo(7);
            assertThat(v.vote()).isEqualTo("helpful");
            assertThat(v.voteId()).isNotBlank();
            assertThat(v.votedAt()).isNotNull();
        });
    }

    @Test
    void theOtherButtonOfTheSamePageVotesTheOtherWay() throws Exception {
        String helpfulLink = validToken(9, FeedbackVote.HELPFUL);
        assertThat(get(helpfulLink).body()).contains("name=\"vote\" value=\"not_helpful\"");
        assertThat(vote(helpfulLink, "not_helpful").status()).isEqualTo(200);
        assertThat(handedOver()).singleElement().satisfies(v -> assertThat(v.vote()).isEqualTo("not_helpful"));
    }

    @Test
    void forgedAlteredExpiredAndDamagedTokensAreRefusedAndHandNothingOver() throws Exception {
        String forged = new FeedbackTokens("someone-elses-key-that-is-long-enough-0000", List.of(), Clock.systemUTC())
                .sign(new FeedbackClaim("acme-corp", 7, FeedbackVote.HELPFUL, Instant.now().plus(Duration.ofDays(1))));
        String genuine = validToken(7, FeedbackVote.HELPFUL);
        String[] parts = genuine.split("\\.");
        String otherEnhancement = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("acme-corp|8|helpful|" + Instant.now().plus(Duration.ofDays(1)).getEpochSecond())
                        .getBytes(StandardCharsets.UTF_8));
        String altered = parts[0] + "." + otherEnhancement + "." + parts[2];
        String expired = token(7, FeedbackVote.HELPFUL, Instant.now().minusSeconds(1));
        Map<String, Integer> refused = Map.of(forged, 403, altered, 403, expired, 410, "v1.garbage", 400);
        logs.clear();
        for (Map.Entry<String, Integer> t : refused.entrySet()) {
            Page onGet = get(t.getKey());
            Page onPost = vote(t.getKey(), "helpful");
            assertThat(onGet.status()).isEqualTo(t.getValue());
            assertThat(onPost.status()).isEqualTo(t.getValue());
            assertThat(onPost.body()).contains("Nothing was recorded").doesNotContain("Exception").doesNotContain("at com.");
        }
        assertThat(handedOver()).isEmpty();
        // the token is the capability: it never reaches a log line
        for (String t : refused.keySet()) {
            assertThat(logs.all()).doesNotContain(t);
        }
    }

    @Test
    void aLinkSignedWithThePreviousKeyStillWorksDuringARotation() throws Exception {
        String old = new FeedbackTokens(PREVIOUS_KEY, List.of(), Clock.systemUTC())
                .sign(new FeedbackClaim("acme-corp", 11, FeedbackVote.NOT_HELPFUL, Instant.now().plusSeconds(600)));
        assertThat(vote(old, "not_helpful").status()).isEqualTo(200);
        assertThat(handedOver()).singleElement().satisfies(v -> assertThat(v.enhancementId()).isEqualTo(11));
    }

    @Test
    void anUnknownVoteIsRefusedAndHandsNothingOver() throws Exception {
        Page page = vote(validToken(7, FeedbackVote.HELPFUL), "maybe");
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("Nothing was recorded");
        assertThat(handedOver()).isEmpty();
    }
}
