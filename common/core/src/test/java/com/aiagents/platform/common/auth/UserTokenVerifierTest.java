package com.aiagents.platform.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.common.support.Http;
import com.aiagents.platform.common.support.Http.Reply;
import com.aiagents.platform.testing.LogCapture;
import com.aiagents.platform.testing.TestTokenIssuer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared verifier as every service but tenant-service uses it: people's tokens checked against
 * a JWKS and a revoked-sessions feed read over HTTP from a stand-in issuer (a real server with
 * locally generated P-256 keys). Bad tokens are 401, a revoked session is refused within the bound,
 * a new key works at once and a key rotated out stops working within the JWKS cache's lifetime, an
 * unreadable feed refuses people (fail closed) but not static tokens, and no token is ever logged.
 * tenant-service's own use (its keys and sessions in-process) is tested in its PeopleTokensTest.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UserTokenVerifierTest {
    /** The revocation bound configured here (production: 30 s): tight so the test stays short. */
    private static final Duration MAX_STALENESS = Duration.ofSeconds(4);
    /** The JWKS cache's lifetime configured here: a withdrawn key stops working after it. */
    private static final Duration JWKS_TTL = Duration.ofSeconds(2);
    /** Slack for a loaded machine on top of a bound (each request's own latency). */
    private static final Duration SLACK = Duration.ofSeconds(5);
    private static final String OPERATOR = "operator-token-0123456789";
    private static final String SERVICE = "service-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    static final TestTokenIssuer ISSUER = TestTokenIssuer.start();

    private static final DropwizardAppExtension<AuthTestApp.Config> APP = new DropwizardAppExtension<>(AuthTestApp.class,
            ResourceHelpers.resourceFilePath("auth-test.yml"),
            ConfigOverride.config("auth.users.issuerUrl", ISSUER::url),
            ConfigOverride.config("auth.users.revocationPollInterval", "250ms"),
            ConfigOverride.config("auth.users.revocationMaxStaleness", MAX_STALENESS.toMillis() + "ms"),
            ConfigOverride.config("auth.users.jwksCacheTtl", JWKS_TTL.toMillis() + "ms"),
            ConfigOverride.config("auth.users.jwksRefetchMinInterval", "200ms"));

    private static final List<String> TOKENS = new CopyOnWriteArrayList<>();
    private static LogCapture logs;

    @BeforeAll
    static void firstReadOfTheFeed() {
        logs = LogCapture.attach();
        // every refusal's reason is logged at DEBUG: turned on, so the log check below sees it
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.aiagents.platform.common.auth"))
                .setLevel(ch.qos.logback.classic.Level.DEBUG);
        String admin = token("admin");
        Awaitility.await("first read of the revocation feed").atMost(MAX_STALENESS.plus(SLACK))
                .until(() -> whoami(admin).status() == 200);
    }

    @AfterAll
    static void closeIssuer() {
        if (logs != null) {
            logs.close();
        }
        ISSUER.close();
    }

    private static Reply whoami(String token, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + token;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return Http.get("http://127.0.0.1:" + APP.getLocalPort() + "/v1/whoami", all);
    }

    private static String token(String role) {
        return remember(ISSUER.token(role, null));
    }

    private static String remember(String token) {
        TOKENS.add(token);
        return token;
    }

    private static void assertUnauthorized(String token) throws Exception {
        Reply reply = whoami(remember(token));
        assertThat(reply.status()).as(reply.body()).isEqualTo(401);
        assertThat(JSON.readTree(reply.body()).path("error").asText()).isEqualTo("unauthorized");
        assertThat(reply.body()).doesNotContain(token);
    }

    @Test
    @Order(1)
    void aValidTokenIsAPrincipalNamedByItsEmail() throws Exception {
        Reply reply = whoami(token("operator"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(reply.body());
        assertThat(body.path("name").asText()).isEqualTo("operator@example.com");
        assertThat(body.path("role").asText()).isEqualTo("operator");
        assertThat(whoami(token("viewer")).status()).as("a person's role is checked like a token's").isEqualTo(403);
        assertThat(whoami(OPERATOR).status()).as("static tokens keep working beside them").isEqualTo(200);
        Reply impersonating = whoami(token("operator"), "X-Tenant-Id", "acme-corp");
        assertThat(impersonating.status()).isEqualTo(403);
        assertThat(JSON.readTree(impersonating.body()).path("error").asText()).isEqualTo("impersonation_forbidden");
    }

    @Test
    @Order(2)
    void badTokensAre401() throws Exception {
        assertUnauthorized(ISSUER.token("admin", null, c -> c
                .issueTime(Date.from(Instant.now().minusSeconds(1800)))
                .expirationTime(Date.from(Instant.now().minusSeconds(600)))));                 // expired
        ECKey stranger = TestTokenIssuer.newKey();
        ECKey impostor = new ECKey.Builder(stranger).keyID(ISSUER.currentKey().getKeyID()).build();
        assertUnauthorized(TestTokenIssuer.sign(TestTokenIssuer.claims("admin", null).build(), impostor)); // wrong signature
        assertUnauthorized(TestTokenIssuer.sign(TestTokenIssuer.claims("admin", null).build(), stranger)); // unknown key
        assertUnauthorized(ISSUER.token("admin", null, c -> c.audience("another-platform")));   // wrong audience
        assertUnauthorized(ISSUER.token("admin", null, c -> c.issuer("https://evil.example"))); // wrong issuer
        assertUnauthorized(new PlainJWT(TestTokenIssuer.claims("admin", null).build()).serialize()); // alg: none
        // HS256 "signed" with the public key, hoping the verifier uses it as an HMAC secret
        SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(ISSUER.currentKey().getKeyID()).build(), TestTokenIssuer.claims("admin", null).build());
        confused.sign(new MACSigner(ISSUER.currentKey().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));
        assertUnauthorized(confused.serialize());
        assertUnauthorized(ISSUER.token("admin", null, c -> c.claim("sid", null)));             // a required claim missing
        assertUnauthorized(ISSUER.token("tenant_admin", null, c -> { }));                        // tenant role without tenant
        assertUnauthorized(ISSUER.token("admin", "acme-corp", c -> { }));                        // staff role with a tenant
        assertUnauthorized(ISSUER.token("service", null, c -> { }));                             // not a person's role
        assertUnauthorized(ISSUER.token("admin", null, c -> c
                .expirationTime(Date.from(Instant.now().plus(Duration.ofDays(2))))));          // lives too long
    }

    @Test
    @Order(3)
    void aRevokedSessionIsRefusedWithinTheBound() throws Exception {
        JWTClaimsSet claims = TestTokenIssuer.claims("admin", null).build();
        String token = remember(TestTokenIssuer.sign(claims, ISSUER.currentKey()));
        assertThat(whoami(token).status()).isEqualTo(200);
        ISSUER.revoke(claims.getStringClaim("sid"));
        Awaitility.await("revoked session refused").atMost(MAX_STALENESS.plus(SLACK)).pollInterval(Duration.ofMillis(100))
                .until(() -> whoami(token).status() == 401);
        assertThat(whoami(token("admin")).status()).as("another session is unaffected").isEqualTo(200);
        // the feed is read with no token here (this test service has no token of its own); never with a person's
        assertThat(ISSUER.feedAuthorizations()).allSatisfy(a -> assertThat(TOKENS).noneMatch(a::contains));
    }

    @Test
    @Order(4)
    void keysRotateInAtOnceAndAKeyRotatedOutIsRefused() {
        ECKey old = ISSUER.currentKey();
        String oldToken = token("operator");
        ECKey next = TestTokenIssuer.newKey();
        ISSUER.publish(next);
        String newToken = remember(TestTokenIssuer.sign(TestTokenIssuer.claims("operator", null).build(), next));
        // an unknown kid refetches the JWKS (rate-limited), so a new key works without waiting for the cache
        Awaitility.await("new key accepted").atMost(SLACK).pollInterval(Duration.ofMillis(100))
                .until(() -> whoami(newToken).status() == 200);
        ISSUER.withdraw(old);
        Awaitility.await("withdrawn key refused").atMost(JWKS_TTL.plus(SLACK)).pollInterval(Duration.ofMillis(100))
                .until(() -> whoami(oldToken).status() == 401);
        assertThat(whoami(newToken).status()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void whenTheFeedCannotBeReadPeopleAreRefusedButStaticTokensWork() {
        String person = remember(TestTokenIssuer.sign(TestTokenIssuer.claims("admin", null).build(), ISSUER.currentKey()));
        assertThat(whoami(person).status()).isEqualTo(200);
        ISSUER.feedDown(true);
        try {
            Awaitility.await("fail closed").atMost(MAX_STALENESS.plus(SLACK)).pollInterval(Duration.ofMillis(100))
                    .until(() -> whoami(person).status() == 401);
            assertThat(whoami(OPERATOR).status()).isEqualTo(200);
            assertThat(Http.get("http://127.0.0.1:" + APP.getLocalPort() + "/internal/ping", "Authorization",
                    "Bearer " + SERVICE).status()).as("a service's own calls").isEqualTo(200);
        } finally {
            ISSUER.feedDown(false);
        }
        Awaitility.await("recovered").atMost(MAX_STALENESS.plus(SLACK)).pollInterval(Duration.ofMillis(100))
                .until(() -> whoami(person).status() == 200);
    }

    @Test
    @Order(100)
    void noTokenInAnyLog() {
        assertThat(TOKENS).hasSizeGreaterThan(10);
        assertThat(logs.lines()).as("captured lines").isNotEmpty();
        for (String token : TOKENS) {
            assertThat(logs.linesRevealing(token)).isEmpty();
        }
        assertThat(logs.linesContaining(OPERATOR)).isEmpty();
        assertThat(logs.linesContaining("event=revocation_feed_unreadable")).isNotEmpty();
        assertThat(logs.linesContaining("event=access_token_refused reason=revocation_feed_stale")).isNotEmpty();
        assertThat(logs.linesContaining("event=access_token_refused reason=session_revoked")).isNotEmpty();
        assertThat(logs.linesContaining("event=access_token_refused reason=invalid_token")).isNotEmpty();
    }
}
