package com.aiagents.platform.sdp;

import com.aiagents.platform.sdp.auth.ApiKeyAuthorizer;
import com.aiagents.platform.sdp.auth.TokenMintBudget;
import com.aiagents.platform.sdp.auth.ZohoOAuthAuthorizer;
import com.aiagents.platform.sdp.auth.ZohoTokenSource;
import com.aiagents.platform.sdp.http.RequestAuthorizer;
import com.aiagents.platform.sdp.http.SdpReplyInterpreter;
import com.aiagents.platform.sdp.http.SdpTransport;
import com.aiagents.platform.sdp.http.SecretRedactor;
import com.aiagents.platform.sdp.json.SdpInputData;
import com.aiagents.platform.sdp.net.NetworkGuards;
import com.aiagents.platform.sdp.net.NetworkPolicy;
import com.aiagents.platform.sdp.resilience.SdpCircuitObserver;
import com.aiagents.platform.sdp.resilience.TenantResilience;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * Hands out the {@link SdpClient} of each tenant. All tenants share one OkHttp connection pool and
 * dispatcher; each tenant has its own circuit breaker, bulkhead and retries (kept when the tenant's
 * credentials change) and its own cached cloud access token (dropped when they change).
 * Redirects are never followed (they would carry the credentials elsewhere), and unless the
 * config allows private networks each tenant's calls go only over https to addresses its
 * {@link NetworkPolicy} allows, checked at every DNS lookup and on every connected socket.
 */
public final class SdpClientFactory implements AutoCloseable {

    private final SdpClientConfig config;
    private final OkHttpClient http;
    private final boolean ownsHttp;
    private final Clock clock;
    private final Dns dns;
    private final SdpCircuitObserver circuits;
    private final ObjectMapper json = new ObjectMapper();
    private final SdpInputData inputData = new SdpInputData(json);
    private final ConcurrentMap<String, TenantResilience> resilience = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, TenantClient> clients = new ConcurrentHashMap<>();

    private record TenantClient(SdpConnection connection, SdpClient client) {
    }

    /** With its own OkHttp client, closed by {@link #close()}. */
    public SdpClientFactory(SdpClientConfig config) {
        this(config, null, SdpCircuitObserver.NONE, Clock.systemUTC());
    }

    /** Sharing {@code shared}'s connection pool and dispatcher (with this config's timeouts). */
    public SdpClientFactory(SdpClientConfig config, OkHttpClient shared) {
        this(config, shared, SdpCircuitObserver.NONE, Clock.systemUTC());
    }

    /** Sharing {@code shared}'s connection pool; {@code circuits} is told of every tenant's circuit breaker state. */
    public SdpClientFactory(SdpClientConfig config, OkHttpClient shared, SdpCircuitObserver circuits) {
        this(config, shared, circuits, Clock.systemUTC());
    }

    SdpClientFactory(SdpClientConfig config, OkHttpClient shared, SdpCircuitObserver circuits, Clock clock) {
        this(config, shared, circuits, clock, Dns.SYSTEM);
    }

    /** With {@code dns} resolving names (tests point a name at the address they need). */
    public SdpClientFactory(SdpClientConfig config, OkHttpClient shared, SdpCircuitObserver circuits, Clock clock,
                            Dns dns) {
        this.config = config;
        this.dns = dns;
        this.circuits = circuits;
        this.ownsHttp = shared == null;
        OkHttpClient.Builder builder = shared == null ? new OkHttpClient.Builder() : shared.newBuilder();
        this.http = builder
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                .callTimeout(config.callTimeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .dns(dns)
                .build();
        this.clock = clock;
    }

    /** The client for {@code connection}'s tenant, rebuilt if the connection settings changed. */
    public SdpClient clientFor(SdpConnection connection) {
        return clients.compute(connection.tenantId(), (tenantId, existing) ->
                existing != null && existing.connection().equals(connection)
                        ? existing
                        : new TenantClient(connection, build(connection))).client();
    }

    /** The tenant's circuit breaker, bulkhead and retries (for health checks and metrics). */
    public Optional<TenantResilience> resilienceOf(String tenantId) {
        return Optional.ofNullable(resilience.get(tenantId));
    }

    /** Drops everything held for a tenant (offboarding). */
    public void forget(String tenantId) {
        clients.remove(tenantId);
        if (resilience.remove(tenantId) != null) {
            circuits.forgotten(tenantId);
        }
    }

    @Override
    public void close() {
        if (ownsHttp) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private SdpClient build(SdpConnection connection) {
        String tenantId = connection.tenantId();
        OkHttpClient tenantHttp = guarded(connection);
        RequestAuthorizer authorizer = authorizerFor(connection, tenantHttp);
        SecretRedactor redactor = new SecretRedactor(authorizer::secrets);
        SdpTransport transport = new SdpTransport(tenantHttp, SdpTransport.apiBase(connection.baseUrl()), authorizer,
                new SdpReplyInterpreter(tenantId, redactor, clock), json, tenantId, redactor, config.userAgent(),
                config.maxReplyBytes());
        TenantResilience policies = resilience.computeIfAbsent(tenantId, id -> TenantResilience.create(id, config, circuits));
        return new HttpSdpClient(tenantId, connection.edition(), transport, policies, inputData, config.maxNotePages());
    }

    /**
     * The shared client (same pool and dispatcher) with this tenant's address guard. OkHttp pools
     * connections per Dns instance, so no tenant reuses a connection another tenant's guard allowed.
     */
    private OkHttpClient guarded(SdpConnection connection) {
        if (config.allowPrivateNetworks()) {
            return http;
        }
        return NetworkGuards.guarded(http, dns, NetworkPolicy.publicOnly(connection.privateNetworks()));
    }

    private RequestAuthorizer authorizerFor(SdpConnection connection, OkHttpClient http) {
        SdpCredentials credentials = connection.credentials();
        if (credentials instanceof SdpCredentials.ApiKey) {
            return new ApiKeyAuthorizer((SdpCredentials.ApiKey) credentials);
        }
        SdpCredentials.ZohoOAuth oauth = (SdpCredentials.ZohoOAuth) credentials;
        TokenMintBudget budget = new TokenMintBudget(config.tokenMintsPerWindow(), config.tokenMintWindow(), clock);
        return new ZohoOAuthAuthorizer(new ZohoTokenSource(http, json, connection.tenantId(), oauth,
                config.tokenRefreshMargin(), budget, clock, config.userAgent(), config.maxReplyBytes()));
    }
}
