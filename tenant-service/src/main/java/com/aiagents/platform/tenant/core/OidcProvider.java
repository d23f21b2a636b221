package com.aiagents.platform.tenant.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The configured OpenID Connect provider, as tenant-service talks to it: its discovery document
 * ({@code <issuer>/.well-known/openid-configuration}, cached), the authorization request, the code
 * exchange at its token endpoint (with the client secret and the PKCE verifier) and the ID token's
 * validation (signature with a key from its JWKS, issuer, audience, expiry, nonce). Nothing here logs
 * or returns a code, a verifier, a secret or a token; every failure is a {@link Refused} with a short
 * reason for the log.
 */
public final class OidcProvider {
    /** Signature algorithms accepted for ID tokens: asymmetric only (never none, never HS*). */
    static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
    private static final int CLOCK_SKEW_SECONDS = 60;
    private static final int MAX_BODY = 1024 * 1024;

    private final OidcSettings settings;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Clock clock;
    private volatile Discovered discovered;

    /** A sign-in the provider's answer does not allow; {@code reason} is a slug for the log, never a secret. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** What the discovery document says, and the key source built from its {@code jwks_uri}. */
    record Discovered(String authorizationEndpoint, String tokenEndpoint, boolean secretInBody,
                      DefaultJWTProcessor<SecurityContext> idTokens, Instant fetchedAt) {
    }

    /** The ID token's claims that sign-in uses. */
    public record Identity(String issuer, String subject, String email, List<String> groups) {
        @Override
        public String toString() {
            return "Identity[issuer=" + issuer + ", subject=" + subject + "]";
        }
    }

    public OidcProvider(OidcSettings settings, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.getTimeout().toJavaDuration())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The URL to send the browser to: the provider's authorization endpoint with the request's parameters. */
    public String authorizationUrl(String redirectUri, String state, String nonce, String codeChallenge) throws Refused {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.getClientId());
        query.put("redirect_uri", redirectUri);
        query.put("scope", String.join(" ", settings.scopeList()));
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", codeChallenge);
        query.put("code_challenge_method", "S256");
        String endpoint = discovery().authorizationEndpoint();
        return endpoint + (endpoint.contains("?") ? "&" : "?") + form(query);
    }

    /**
     * Exchanges {@code code} at the token endpoint and validates the ID token it answers with.
     *
     * @throws Refused for any answer but a valid ID token for this client with this nonce
     */
    public Identity exchange(String code, String codeVerifier, String redirectUri, String nonce) throws Refused {
        Discovered provider = discovery();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", codeVerifier);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(provider.tokenEndpoint()))
                .timeout(settings.getTimeout().toJavaDuration())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        String secret = settings.clientSecret();
        if (secret.isEmpty() || provider.secretInBody()) {
            form.put("client_id", settings.getClientId());
            if (!secret.isEmpty()) {
                form.put("client_secret", secret);
            }
        } else {
            // client_secret_basic (RFC 6749 2.3.1): both parts form-encoded before Base64
            String basic = urlEncode(settings.getClientId()) + ":" + urlEncode(secret);
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = send(request.POST(HttpRequest.BodyPublishers.ofString(form(form))).build(),
                "token_endpoint_unreachable");
        if (response.statusCode() != 200) {
            throw new Refused("token_endpoint_refused status=" + response.statusCode());
        }
        String idToken;
        try {
            idToken = json.readTree(response.body()).path("id_token").asText("");
        } catch (IOException e) {
            throw new Refused("token_response_not_json");
        }
        if (idToken.isEmpty()) {
            throw new Refused("no_id_token");
        }
        return validate(provider, idToken, nonce);
    }

    private Identity validate(Discovered provider, String idToken, String nonce) throws Refused {
        JWTClaimsSet claims;
        try {
            claims = provider.idTokens().process(idToken, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new Refused("id_token_invalid kind=" + e.getClass().getSimpleName());
        }
        try {
            // several audiences: the authorized party must be this client (OIDC Core 3.1.3.7)
            List<String> audience = claims.getAudience();
            String azp = claims.getStringClaim("azp");
            if (audience.size() > 1 && !settings.getClientId().equals(azp)) {
                throw new Refused("id_token_azp");
            }
            if (azp != null && !settings.getClientId().equals(azp)) {
                throw new Refused("id_token_azp");
            }
            String tokenNonce = claims.getStringClaim("nonce");
            if (tokenNonce == null || !MessageDigest.isEqual(tokenNonce.getBytes(StandardCharsets.UTF_8),
                    nonce.getBytes(StandardCharsets.UTF_8))) {
                throw new Refused("id_token_nonce");
            }
            Object verified = claims.getClaim("email_verified");
            if (Boolean.FALSE.equals(verified) || "false".equals(verified)) {
                throw new Refused("email_not_verified");
            }
            String email = claims.getStringClaim("email");
            return new Identity(claims.getIssuer(), claims.getSubject(), email == null ? null : email.trim(),
                    groups(claims.getClaim(settings.getGroupsClaim())));
        } catch (ParseException e) {
            throw new Refused("id_token_claim_malformed");
        }
    }

    /** The groups claim: a list of strings, or one string (some providers send a single group as text). */
    static List<String> groups(Object claim) {
        if (claim instanceof String one) {
            return List.of(one);
        }
        if (claim instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    /** The discovery document, fetched again once it is older than the cache TTL (or never read). */
    Discovered discovery() throws Refused {
        Discovered known = discovered;
        Instant now = clock.instant();
        if (known != null && known.fetchedAt().plus(settings.getDiscoveryCacheTtl().toJavaDuration()).isAfter(now)) {
            return known;
        }
        synchronized (this) {
            known = discovered;
            if (known != null && known.fetchedAt().plus(settings.getDiscoveryCacheTtl().toJavaDuration()).isAfter(now)) {
                return known;
            }
            try {
                discovered = fetchDiscovery(now);
            } catch (Refused e) {
                if (known == null) {
                    throw e;
                }
                return known; // the provider is briefly unreachable: the last document still describes it
            }
            return discovered;
        }
    }

    private Discovered fetchDiscovery(Instant now) throws Refused {
        String issuer = settings.getIssuer();
        String url = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                + "/.well-known/openid-configuration";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
                .timeout(settings.getTimeout().toJavaDuration()).header("Accept", "application/json").GET().build(),
                "discovery_unreachable");
        if (response.statusCode() != 200) {
            throw new Refused("discovery_status=" + response.statusCode());
        }
        JsonNode document;
        try {
            document = json.readTree(response.body());
        } catch (IOException e) {
            throw new Refused("discovery_not_json");
        }
        // OIDC Discovery 4.3: the document's issuer is exactly the one configured
        if (!issuer.equals(document.path("issuer").asText())) {
            throw new Refused("discovery_issuer_mismatch");
        }
        String authorization = document.path("authorization_endpoint").asText("");
        String token = document.path("token_endpoint").asText("");
        String jwks = document.path("jwks_uri").asText("");
        if (authorization.isEmpty() || token.isEmpty() || jwks.isEmpty()) {
            throw new Refused("discovery_incomplete");
        }
        Set<String> methods = new HashSet<>();
        document.path("token_endpoint_auth_methods_supported").forEach(m -> methods.add(m.asText()));
        boolean secretInBody = !methods.isEmpty() && !methods.contains("client_secret_basic")
                && methods.contains("client_secret_post");
        return new Discovered(authorization, token, secretInBody, processor(issuer, jwks, document), now);
    }

    private DefaultJWTProcessor<SecurityContext> processor(String issuer, String jwksUri, JsonNode document) throws Refused {
        URL jwksUrl;
        try {
            jwksUrl = URI.create(jwksUri).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new Refused("discovery_jwks_uri_invalid");
        }
        int timeout = (int) settings.getTimeout().toMilliseconds();
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(jwksUrl,
                        new DefaultResourceRetriever(timeout, timeout, MAX_BODY))
                .cache(Duration.ofMinutes(15).toMillis(), timeout)
                .rateLimited(30_000)
                .build();
        Set<JWSAlgorithm> algorithms = new HashSet<>();
        document.path("id_token_signing_alg_values_supported").forEach(a -> algorithms.add(JWSAlgorithm.parse(a.asText())));
        algorithms.retainAll(ASYMMETRIC);
        if (algorithms.isEmpty()) {
            algorithms.add(JWSAlgorithm.RS256); // the default every provider must support (OIDC Core 3.1.3.7)
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                Set.of(settings.getClientId()),
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "iat", "exp", "nonce"), null);
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
        return processor;
    }

    private HttpResponse<String> send(HttpRequest request, String unreachable) throws Refused {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.body() != null && response.body().length() > MAX_BODY) {
                throw new Refused(unreachable + " kind=too_large");
            }
            return response;
        } catch (IOException e) {
            throw new Refused(unreachable + " kind=" + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(unreachable + " kind=interrupted");
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> urlEncode(e.getKey()) + "=" + urlEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
