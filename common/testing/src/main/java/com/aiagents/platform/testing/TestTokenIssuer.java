package com.aiagents.platform.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Stands in for tenant-service's issuing half, for the services that verify people's tokens
 * remotely (common/core's shared verifier, the integration tests): a real HTTP server on an
 * ephemeral port serving a JWKS of locally generated P-256 keys at {@code /.well-known/jwks.json}
 * and the revoked-sessions feed at {@code /internal/v1/auth/revoked-sessions}, exactly as the token
 * spec describes them, and signing access tokens with those keys. Keys can be rotated in and out,
 * sessions revoked, and the feed made to fail.
 */
public final class TestTokenIssuer implements AutoCloseable {
    public static final String ISSUER = "ai-agents-platform";
    public static final String AUDIENCE = "ai-agents-platform";

    private final HttpServer server;
    private final List<ECKey> published = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final List<String> feedAuthorizations = new CopyOnWriteArrayList<>();
    private volatile boolean feedDown;

    private TestTokenIssuer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> answer(exchange, 200,
                new JWKSet(new ArrayList<>(published)).toPublicJWKSet().toString()));
        server.createContext("/internal/v1/auth/revoked-sessions", this::feed);
        server.start();
    }

    public static TestTokenIssuer start() {
        try {
            TestTokenIssuer issuer = new TestTokenIssuer();
            issuer.publish(newKey());
            return issuer;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key tokens are signed with by default: the first published. */
    public ECKey currentKey() {
        return published.get(0);
    }

    public void publish(ECKey key) {
        published.add(key);
    }

    public void withdraw(ECKey key) {
        published.removeIf(k -> k.getKeyID().equals(key.getKeyID()));
    }

    public void revoke(String sessionId) {
        revoked.put(sessionId, Instant.now());
    }

    public void feedDown(boolean down) {
        this.feedDown = down;
    }

    /** The Authorization headers the feed was read with. */
    public List<String> feedAuthorizations() {
        return List.copyOf(feedAuthorizations);
    }

    /** A valid person's token claims: change them in {@code edit}. */
    public static JWTClaimsSet.Builder claims(String role, String tenantId) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience(AUDIENCE)
                .subject(UUID.randomUUID().toString())
                .claim("email", role.replace('_', '.') + "@example.com")
                .claim("role", role)
                .claim("sid", UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(900)))
                .jwtID(UUID.randomUUID().toString());
        if (tenantId != null) {
            claims.claim("tenant_id", tenantId);
        }
        return claims;
    }

    public String token(String role, String tenantId) {
        return sign(claims(role, tenantId).build(), currentKey());
    }

    public String token(String role, String tenantId, Consumer<JWTClaimsSet.Builder> edit) {
        JWTClaimsSet.Builder claims = claims(role, tenantId);
        edit.accept(claims);
        return sign(claims.build(), currentKey());
    }

    public static String sign(JWTClaimsSet claims, ECKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void feed(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            feedAuthorizations.add(authorization);
        }
        if (feedDown) {
            answer(exchange, 503, "{\"code\":503,\"error\":\"unavailable\",\"message\":\"down for the test\"}");
            return;
        }
        String query = exchange.getRequestURI().getQuery();
        Instant since = query != null && query.startsWith("since=")
                ? Instant.parse(java.net.URLDecoder.decode(query.substring(6), StandardCharsets.UTF_8)) : Instant.EPOCH;
        // sids are UUIDs and the times ISO-8601: nothing in them needs escaping
        StringBuilder body = new StringBuilder("{\"as_of\": \"" + Instant.now() + "\", \"revoked\": [");
        String separator = "";
        for (Map.Entry<String, Instant> entry : revoked.entrySet()) {
            if (!entry.getValue().isBefore(since)) {
                body.append(separator).append("{\"sid\": \"").append(entry.getKey()).append("\", \"revoked_at\": \"")
                        .append(entry.getValue()).append("\"}");
                separator = ", ";
            }
        }
        answer(exchange, 200, body.append("]}").toString());
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
