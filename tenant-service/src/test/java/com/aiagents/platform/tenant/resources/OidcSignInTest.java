package com.aiagents.platform.tenant.resources;

import static com.aiagents.platform.tenant.testing.TenantServiceExtension.ADMIN_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.OPERATOR_TOKEN;
import static com.aiagents.platform.tenant.testing.TenantServiceExtension.WORKER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.tenant.testing.JsonHttp;
import com.aiagents.platform.tenant.testing.JsonHttp.Reply;
import com.aiagents.platform.tenant.testing.SharedVerifierApp;
import com.aiagents.platform.tenant.testing.TenantServiceExtension;
import com.aiagents.platform.testing.LogCapture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import java.util.concurrent.atomic.AtomicReference;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signing in with OpenID Connect end to end (docs/people-and-access.md, "Signing in with OpenID
 * Connect"): a real OIDC provider in-process (mock-oauth2-server: discovery, authorization endpoint
 * with PKCE, token endpoint, signed ID tokens, JWKS), a real tenant-service and PostgreSQL. The test
 * plays the console: it asks for the authorization URL, follows it as the browser would (the
 * provider answers with a redirect carrying the code), and hands the code and its verifier back.
 * Groups map to roles, accounts are created just in time and follow the mapping, every refusal is the
 * same 401, and no code, verifier, secret or token reaches a log line or an answer.
 */
class OidcSignInTest {
    private static final String CLIENT_ID = "ai-agents-console";
    private static final String CLIENT_SECRET = "oidc-client-secret-" + UUID.randomUUID();
    private static final String REDIRECT = "https://console.msp.example/auth/oidc/callback";
    private static final String PROVIDER_ID = "msp-idp";
    private static final String TENANT = TenantApiTest.uniqueId("oidc");
    private static final String OTHER_TENANT = TenantApiTest.uniqueId("oidc-other");
    private static final ObjectMapper JSON = new ObjectMapper();

    static final MockOAuth2Server PROVIDER = started();

    @RegisterExtension
    static final TenantServiceExtension SERVICE = new TenantServiceExtension()
            .withConfig("auth.oidc.issuer", issuer())
            .withConfig("auth.oidc.clientId", CLIENT_ID)
            .withConfig("auth.oidc.clientSecret", CLIENT_SECRET)
            .withConfig("auth.oidc.redirectUris", "http://127.0.0.1:3000/callback," + REDIRECT)
            .withConfig("auth.oidc.displayName", "Sign in with Contoso SSO")
            .withConfig("auth.oidc.roleMapping", "msp-admins=admin,msp-ops=operator,acme-it=tenant_admin:" + TENANT
                    + ",other-it=tenant_viewer:" + OTHER_TENANT);

    private static final List<String> SECRETS = new CopyOnWriteArrayList<>();
    private static final List<String> RESPONSES = new CopyOnWriteArrayList<>();
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static JsonHttp http;
    private static LogCapture logs;

    /** The token endpoint's next answer when a test makes it up itself (a forged or misdirected ID token). */
    private static final AtomicReference<String> CANNED_TOKEN_ANSWER = new AtomicReference<>();

    private static MockOAuth2Server started() {
        MockOAuth2Server server = new MockOAuth2Server(new Route() {
            @Override
            public boolean match(OAuth2HttpRequest request) {
                return CANNED_TOKEN_ANSWER.get() != null && request.getUrl().encodedPath().endsWith("/token");
            }

            @Override
            public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
                return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), 200,
                        CANNED_TOKEN_ANSWER.getAndSet(null), null);
            }
        });
        server.start();
        return server;
    }

    private static String issuer() {
        return PROVIDER.issuerUrl(PROVIDER_ID).toString();
    }

    @BeforeAll
    static void tenants() {
        logs = LogCapture.attach();
        SECRETS.add(CLIENT_SECRET);
        http = new JsonHttp(SERVICE.baseUrl());
        for (String id : List.of(TENANT, OTHER_TENANT)) {
            Reply created = http.post("/v1/tenants", OPERATOR_TOKEN, TenantApiTest.createBody(id, "sdp-key-" + UUID.randomUUID()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
    }

    @AfterAll
    static void noCodeVerifierSecretOrTokenWasLoggedOrAnswered() {
        try {
            assertThat(SECRETS).hasSizeGreaterThan(10);
            // the provider's own log (no.nav...) is the identity provider's business, not this service's
            List<String> ours = logs.lines().stream().filter(line -> !line.startsWith("no.nav.")).toList();
            for (String secret : SECRETS) {
                assertThat(ours.stream().filter(line -> line.contains(secret)).toList())
                        .as("log lines containing a code, verifier, secret or token").isEmpty();
                for (String body : RESPONSES) {
                    if (!body.contains("\"access_token\":\"" + secret + "\"")) { // a token is in its own answer only
                        assertThat(body).doesNotContain(secret);
                    }
                }
            }
        } finally {
            logs.close();
            PROVIDER.shutdown();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // the console's side of the flow

    /** What the console keeps in its session between sending the browser away and the callback. */
    record Flow(String state, String nonce, String verifier, String authorizationUrl) {
    }

    static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    static Flow begin() throws Exception {
        String state = random();
        String nonce = random();
        String verifier = random();
        SECRETS.add(verifier);
        Reply reply = remember(http.post("/v1/auth/oidc/authorize", null, JSON.writeValueAsString(Map.of(
                "redirect_uri", REDIRECT, "state", state, "nonce", nonce, "code_challenge", challenge(verifier)))));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return new Flow(state, nonce, verifier, reply.json().path("authorization_url").asText());
    }

    /** The browser at the provider: it signs the person in and redirects back with the code (and our state). */
    static String code(Flow flow) throws Exception {
        HttpResponse<String> answer = BROWSER.send(HttpRequest.newBuilder(URI.create(flow.authorizationUrl())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        URI back = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertThat(back.toString()).startsWith(REDIRECT + "?");
        Map<String, String> query = query(back);
        assertThat(query.get("state")).isEqualTo(flow.state());
        String code = query.get("code");
        assertThat(code).isNotBlank();
        SECRETS.add(code);
        return code;
    }

    static Reply token(String code, String verifier, String nonce) throws Exception {
        Reply reply = remember(http.post("/v1/auth/oidc/token", null, JSON.writeValueAsString(Map.of(
                "code", code, "code_verifier", verifier, "redirect_uri", REDIRECT, "nonce", nonce))));
        if (reply.status() == 200) {
            SECRETS.add(reply.json().path("access_token").asText());
        }
        return reply;
    }

    /** The provider will sign in this person next (subject, e-mail, groups), for this client. */
    static void nextPerson(String subject, String email, List<String> groups) {
        nextPerson(subject, email, groups, List.of(CLIENT_ID));
    }

    static void nextPerson(String subject, String email, List<String> groups, List<String> audience) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("email", email);
        claims.put("groups", groups);
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(PROVIDER_ID, subject, "JWT", audience, claims, 3600));
    }

    /** The whole flow for one person, as the console runs it. */
    static Reply signIn(String subject, String email, List<String> groups) throws Exception {
        nextPerson(subject, email, groups);
        Flow flow = begin();
        return token(code(flow), flow.verifier(), flow.nonce());
    }

    static Reply remember(Reply reply) {
        RESPONSES.add(reply.body());
        return reply;
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@msp.example";
    }

    /** {@code GET /v1/me}'s account. */
    static JsonNode me(String token) {
        Reply me = remember(http.get("/v1/me", token));
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        return me.json().path("user");
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void theConsoleLearnsWhetherToOfferTheProvider() {
        Reply status = remember(http.get("/v1/auth/oidc", null));
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().path("enabled").asBoolean()).isTrue();
        assertThat(status.json().path("display_name").asText()).isEqualTo("Sign in with Contoso SSO");
    }

    @Test
    void theAuthorizationUrlComesFromDiscoveryWithPkceStateAndNonce() throws Exception {
        Flow flow = begin();
        URI url = URI.create(flow.authorizationUrl());
        assertThat(url.toString()).startsWith(PROVIDER.authorizationEndpointUrl(PROVIDER_ID).toString() + "?");
        Map<String, String> query = query(url);
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", CLIENT_ID)
                .containsEntry("redirect_uri", REDIRECT).containsEntry("scope", "openid email profile")
                .containsEntry("state", flow.state()).containsEntry("nonce", flow.nonce())
                .containsEntry("code_challenge", challenge(flow.verifier()))
                .containsEntry("code_challenge_method", "S256");
        assertThat(flow.authorizationUrl()).doesNotContain(CLIENT_SECRET).doesNotContain(flow.verifier());
    }

    @Test
    void anMspAdminsGroupMemberSignsInAsAnAdminCreatedJustInTimeWithoutAPassword() throws Exception {
        String email = email("sso-admin");
        String subject = "sub-" + UUID.randomUUID();
        Reply signedIn = signIn(subject, email, List.of("everyone", "msp-admins"));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        // exactly the answer of POST /v1/auth/login
        assertThat(signedIn.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(signedIn.json().path("expires_in").asLong()).isBetween(840L, 900L);
        assertThat(signedIn.json().at("/user/email").asText()).isEqualTo(email);
        assertThat(signedIn.json().at("/user/role").asText()).isEqualTo("admin");
        assertThat(signedIn.json().at("/user/tenant_id").isMissingNode()).isTrue();
        String token = signedIn.json().path("access_token").asText();

        JsonNode me = me(token);
        assertThat(me.path("role").asText()).isEqualTo("admin");
        assertThat(me.path("email").asText()).isEqualTo(email);
        String userId = me.path("id").asText();
        assertThat(userId).isEqualTo(signedIn.json().at("/user/id").asText());

        // an admin indeed: it lists the staff accounts, and finds itself there
        Reply staff = remember(http.get("/v1/users", token));
        assertThat(staff.status()).as(staff.body()).isEqualTo(200);
        assertThat(staff.body()).contains(userId);

        // no password works for an account made by the provider
        Reply password = remember(http.post("/v1/auth/login", null,
                "{\"email\": \"" + email + "\", \"password\": \"any-password-at-all-123\"}"));
        assertThat(password.status()).isEqualTo(401);
        assertThat(password.json().path("error").asText()).isEqualTo("invalid_credentials");

        try (Connection owner = SERVICE.database().connectAsSuperuser();
             PreparedStatement row = owner.prepareStatement("SELECT password_hash, oidc_issuer, oidc_subject, created_by "
                     + "FROM users WHERE id = ?::uuid")) {
            row.setString(1, userId);
            try (ResultSet rs = row.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("password_hash")).isNull();
                assertThat(rs.getString("oidc_issuer")).isEqualTo(issuer());
                assertThat(rs.getString("oidc_subject")).isEqualTo(subject);
                assertThat(rs.getString("created_by")).isEqualTo("oidc:" + issuer());
            }
        }
        assertThat(audit(userId)).contains("user.created by oidc:" + issuer() + " (oidc)",
                "user.signed_in_oidc by " + email + " (admin)");
    }

    @Test
    void aTenantGroupMakesATenantAdminOfThatTenant() throws Exception {
        String email = email("acme-it-lead");
        Reply signedIn = signIn("sub-" + UUID.randomUUID(), email, List.of("acme-it"));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        String token = signedIn.json().path("access_token").asText();
        JsonNode me = me(token);
        assertThat(me.path("role").asText()).isEqualTo("tenant_admin");
        assertThat(me.path("tenant_id").asText()).isEqualTo(TENANT);
    }

    @Test
    void theFirstMatchingMappingWins() throws Exception {
        // msp-ops comes before acme-it in the configured list
        Reply signedIn = signIn("sub-" + UUID.randomUUID(), email("ops"), List.of("acme-it", "msp-ops"));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.json().at("/user/role").asText()).isEqualTo("operator");
    }

    @Test
    void noMappedGroupIs403AndCreatesNoAccount() throws Exception {
        String email = email("nobody");
        Reply refused = signIn("sub-" + UUID.randomUUID(), email, List.of("marketing", "everyone"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().path("error").asText()).isEqualTo("no_role_mapped");
        assertThat(accountsWithEmail(email)).isZero();
    }

    @Test
    void aRoleFollowsTheMappingAtEachSignInAndAMoveToATenantRetiresTheStaffAccount() throws Exception {
        String subject = "sub-" + UUID.randomUUID();
        String email = email("mover");
        Reply first = signIn(subject, email, List.of("msp-admins"));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String id = first.json().at("/user/id").asText();

        Reply demoted = signIn(subject, email, List.of("msp-ops"));
        assertThat(demoted.status()).as(demoted.body()).isEqualTo(200);
        assertThat(demoted.json().at("/user/id").asText()).isEqualTo(id);
        assertThat(me(demoted.json().path("access_token").asText()).path("role").asText()).isEqualTo("operator");
        assertThat(audit(id)).contains("user.role_changed by oidc:" + issuer() + " (oidc)");

        String oldToken = demoted.json().path("access_token").asText();
        Reply moved = signIn(subject, email, List.of("acme-it"));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        String newId = moved.json().at("/user/id").asText();
        assertThat(newId).isNotEqualTo(id);
        assertThat(me(moved.json().path("access_token").asText()).path("tenant_id").asText()).isEqualTo(TENANT);
        // the staff account is gone, and with it its sessions
        assertThat(remember(http.get("/v1/me", oldToken)).status()).isEqualTo(401);
        assertThat(audit(id)).contains("user.deleted by oidc:" + issuer() + " (oidc)");
        assertThat(accountsWithEmail(email)).isEqualTo(1);
    }

    @Test
    void aPasswordAccountWithTheSameAddressIsLinkedAndKeepsItsId() throws Exception {
        String email = email("linked");
        Reply created = remember(http.post("/v1/users", ADMIN_TOKEN,
                "{\"email\": \"" + email + "\", \"password\": \"pw-" + UUID.randomUUID() + "\", \"role\": \"viewer\"}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String subject = "sub-" + UUID.randomUUID();
        Reply signedIn = signIn(subject, email.toUpperCase(), List.of("msp-admins"));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.json().at("/user/id").asText()).isEqualTo(created.json().path("id").asText());
        assertThat(signedIn.json().at("/user/role").asText()).isEqualTo("admin");

        // another identity at the provider with that address does not take the account over
        Reply other = refusedFor("reason=account_linked_to_another_identity",
                () -> signIn("sub-" + UUID.randomUUID(), email, List.of("msp-admins")));
        assertThat(other.json().path("error").asText()).isEqualTo("oidc_sign_in_failed");
    }

    @Test
    void disabledAndDeletedAccountsStayOut() throws Exception {
        String disabledEmail = email("disabled");
        String disabledSubject = "sub-" + UUID.randomUUID();
        Reply first = signIn(disabledSubject, disabledEmail, List.of("msp-ops"));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        try (Connection owner = SERVICE.database().connectAsSuperuser();
             PreparedStatement disable = owner.prepareStatement("UPDATE users SET disabled_at = now() WHERE id = ?::uuid")) {
            disable.setString(1, first.json().at("/user/id").asText());
            assertThat(disable.executeUpdate()).isEqualTo(1);
        }
        Reply disabled = refusedFor("reason=account_disabled", () -> signIn(disabledSubject, disabledEmail, List.of("msp-ops")));
        assertThat(disabled.json().path("error").asText()).isEqualTo("oidc_sign_in_failed");

        String deletedEmail = email("deleted");
        String deletedSubject = "sub-" + UUID.randomUUID();
        Reply second = signIn(deletedSubject, deletedEmail, List.of("msp-ops"));
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        Reply deleted = remember(http.delete("/v1/users/" + second.json().at("/user/id").asText(), ADMIN_TOKEN));
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        Reply again = refusedFor("reason=account_deleted", () -> signIn(deletedSubject, deletedEmail, List.of("msp-ops")));
        assertThat(again.json().path("error").asText()).isEqualTo("oidc_sign_in_failed");
        assertThat(accountsWithEmail(deletedEmail)).isZero();
    }

    @Test
    void aWrongVerifierIs401() throws Exception {
        Flow flow = begin();
        String code = code(flow);
        String wrong = random();
        SECRETS.add(wrong);
        Reply refused = refusedFor("reason=token_endpoint_refused", () -> token(code, wrong, flow.nonce()));
        assertThat(refused.json().path("error").asText()).isEqualTo("oidc_sign_in_failed");
    }

    @Test
    void aWrongNonceIs401() throws Exception {
        Flow flow = begin();
        String code = code(flow);
        Reply refused = refusedFor("reason=id_token_nonce", () -> token(code, flow.verifier(), random()));
        assertThat(refused.json().path("error").asText()).isEqualTo("oidc_sign_in_failed");
    }

    @Test
    void anIdTokenForAnotherClientIs401() throws Exception {
        Flow flow = begin();
        String code = code(flow);
        // the provider's own key signs it, for another client (aud), with the right nonce
        SignedJWT idToken = PROVIDER.issueToken(PROVIDER_ID, "another-client", new DefaultOAuth2TokenCallback(PROVIDER_ID,
                "sub-" + UUID.randomUUID(), "JWT", List.of("another-client"),
                Map.of("email", email("elsewhere"), "groups", List.of("msp-admins"), "nonce", flow.nonce()), 3600));
        answerTheNextTokenRequestWith(idToken.serialize());
        Reply refused = refusedFor("reason=id_token_invalid", () -> token(code, flow.verifier(), flow.nonce()));
        assertThat(refused.json().path("error").asText()).isEqualTo("oidc_sign_in_failed");
    }

    @Test
    void anIdTokenSignedByAKeyTheProviderDoesNotPublishIs401() throws Exception {
        Flow flow = begin();
        String code = code(flow);
        RSAKey rogue = new RSAKeyGenerator(2048).keyID("rogue-" + UUID.randomUUID()).generate();
        Instant now = Instant.now();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rogue.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(issuer()).audience(CLIENT_ID).subject("sub-" + UUID.randomUUID())
                        .claim("email", email("forged")).claim("groups", List.of("msp-admins"))
                        .claim("nonce", flow.nonce()).issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(600))).build());
        forged.sign(new RSASSASigner(rogue));
        answerTheNextTokenRequestWith(forged.serialize());
        Reply refused = refusedFor("reason=id_token_invalid", () -> token(code, flow.verifier(), flow.nonce()));
        assertThat(refused.json().path("error").asText()).isEqualTo("oidc_sign_in_failed");
    }

    interface Call {
        Reply send() throws Exception;
    }

    /** The call is refused with 401, and the log says why: {@code reason} (one more such line than before). */
    private static Reply refusedFor(String reason, Call call) throws Exception {
        int before = logs.linesContaining("event=oidc_sign_in_refused " + reason).size();
        Reply refused = call.send();
        assertThat(refused.status()).as(refused.body()).isEqualTo(401);
        assertThat(logs.linesContaining("event=oidc_sign_in_refused " + reason)).as(String.join("\n",
                logs.linesContaining("event=oidc_"))).hasSize(before + 1);
        return refused;
    }

    /** The provider's next answer (the token endpoint's, as the test asks nothing else of it meanwhile). */
    private static void answerTheNextTokenRequestWith(String idToken) throws Exception {
        SECRETS.add(idToken);
        CANNED_TOKEN_ANSWER.set(JSON.writeValueAsString(Map.of("access_token", "provider-access-token-" + UUID.randomUUID(),
                        "token_type", "Bearer", "expires_in", 3600, "id_token", idToken)));
    }

    @Test
    void aMadeUpOrReusedCodeIs401() throws Exception {
        Flow flow = begin();
        String bogus = "bogus-" + UUID.randomUUID();
        SECRETS.add(bogus);
        // (this provider answers an unknown code with an ID token that has no nonce; others refuse the code: 401 both ways)
        refusedFor("reason=", () -> token(bogus, flow.verifier(), flow.nonce()));

        nextPerson("sub-" + UUID.randomUUID(), email("twice"), List.of("msp-admins"));
        Flow second = begin();
        String code = code(second);
        assertThat(token(code, second.verifier(), second.nonce()).status()).isEqualTo(200);
        refusedFor("reason=", () -> token(code, second.verifier(), second.nonce()));
    }

    @Test
    void aRedirectUriOutsideTheAllowListIs400AndMissingFieldsAre400() throws Exception {
        Reply authorize = remember(http.post("/v1/auth/oidc/authorize", null, JSON.writeValueAsString(Map.of(
                "redirect_uri", "https://evil.example/callback", "state", random(), "nonce", random(),
                "code_challenge", challenge(random())))));
        assertThat(authorize.status()).isEqualTo(400);
        assertThat(authorize.json().path("error").asText()).isEqualTo("redirect_uri_not_allowed");

        Reply token = remember(http.post("/v1/auth/oidc/token", null, JSON.writeValueAsString(Map.of(
                "code", "c", "code_verifier", random(), "redirect_uri", REDIRECT + "/x", "nonce", random()))));
        assertThat(token.status()).isEqualTo(400);
        assertThat(token.json().path("error").asText()).isEqualTo("redirect_uri_not_allowed");

        Reply missing = remember(http.post("/v1/auth/oidc/authorize", null, "{\"redirect_uri\": \"" + REDIRECT + "\"}"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("error").asText()).isEqualTo("invalid_request");
        assertThat(missing.body()).contains("state", "nonce", "code_challenge");

        Reply plain = remember(http.post("/v1/auth/oidc/authorize", null, JSON.writeValueAsString(Map.of(
                "redirect_uri", REDIRECT, "state", random(), "nonce", random(), "code_challenge", challenge(random()),
                "code_challenge_method", "plain"))));
        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.body()).contains("code_challenge_method");

        Reply noBody = remember(http.post("/v1/auth/oidc/token", null, "[]"));
        assertThat(noBody.status()).isEqualTo(400);
        assertThat(noBody.json().path("code").asInt()).isEqualTo(400);
    }

    @Test
    void theTokenIsVerifiedByTheSharedVerifierLikeAnyPasswordToken() throws Exception {
        String email = email("everywhere");
        Reply signedIn = signIn("sub-" + UUID.randomUUID(), email, List.of("acme-it"));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        String token = signedIn.json().path("access_token").asText();

        DropwizardTestSupport<SharedVerifierApp.Settings> other = SharedVerifierApp.start(SERVICE.baseUrl(), WORKER_TOKEN);
        try {
            JsonHttp service = new JsonHttp("http://127.0.0.1:" + other.getLocalPort());
            // it refuses people's tokens until its first read of the revocation feed (about a second)
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> service.get("/whoami", token).status() == 200);
            JsonNode principal = service.get("/whoami", token).json();
            assertThat(principal.path("role").asText()).isEqualTo("tenant_admin");
            assertThat(principal.path("tenant_id").asText()).isEqualTo(TENANT);
            assertThat(principal.path("email").asText()).isEqualTo(email);
            assertThat(principal.path("user_id").asText()).isEqualTo(signedIn.json().at("/user/id").asText());
            assertThat(service.get("/whoami", token + "x").status()).isEqualTo(401);
        } finally {
            other.after();
        }
    }

    private static int accountsWithEmail(String email) throws Exception {
        try (Connection owner = SERVICE.database().connectAsSuperuser();
             PreparedStatement count = owner.prepareStatement(
                     "SELECT count(*) FROM users WHERE lower(email) = lower(?) AND deleted_at IS NULL")) {
            count.setString(1, email);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The audit entries about a user: "action by actor (actor_role)". */
    private static List<String> audit(String userId) throws Exception {
        List<String> entries = new ArrayList<>();
        try (Connection owner = SERVICE.database().connectAsSuperuser();
             PreparedStatement query = owner.prepareStatement("SELECT action, actor, actor_role FROM audit_log "
                     + "WHERE details->>'user_id' = ? ORDER BY id")) {
            query.setString(1, userId);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    entries.add(rs.getString("action") + " by " + rs.getString("actor") + " (" + rs.getString("actor_role") + ")");
                }
            }
        }
        return entries;
    }
}
