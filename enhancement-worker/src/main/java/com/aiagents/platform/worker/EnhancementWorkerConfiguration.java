package com.aiagents.platform.worker;

import com.aiagents.platform.common.auth.AuthConfig;
import com.aiagents.platform.common.client.TenantServiceClientConfig;
import com.aiagents.platform.common.tracing.TracingConfig;
import com.aiagents.platform.worker.context.ContextSettings;
import com.aiagents.platform.worker.semantic.EmbeddingSettings;
import com.aiagents.platform.worker.queue.QueueSettings;
import com.aiagents.platform.worker.synthesis.LlmSettings;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import com.aiagents.platform.common.db.TlsDataSourceFactory;
import io.dropwizard.db.DataSourceFactory;
import com.aiagents.platform.worker.core.ReconciliationSettings;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** enhancement-worker's YAML: every address and secret from the environment (config.yml). */
@ConsistentTimings
public class EnhancementWorkerConfiguration extends Configuration {
    @Valid @NotNull @JsonProperty("database") private TlsDataSourceFactory database = new TlsDataSourceFactory();
    @Valid @NotNull @JsonProperty("databaseTimeouts") private DatabaseTimeouts databaseTimeouts = new DatabaseTimeouts();
    @Valid @NotNull @JsonProperty("redis") private RedisSettings redis = new RedisSettings();
    @Valid @NotNull @JsonProperty("tenantService") private TenantServiceClientConfig tenantService = new TenantServiceClientConfig();
    @Valid @NotNull @JsonProperty("auth") private AuthConfig auth = new AuthConfig();
    @Valid @NotNull @JsonProperty("queue") private QueueSettings queue = new QueueSettings();
    @Valid @NotNull @JsonProperty("context") private ContextSettings context = new ContextSettings();
    @Valid @NotNull @JsonProperty("embeddings") private EmbeddingSettings embeddings = new EmbeddingSettings();
    @Valid @NotNull @JsonProperty("llm") private LlmSettings llm = new LlmSettings();
    @Valid @NotNull @JsonProperty("sdp") private SdpSettings sdp = new SdpSettings();
    @Valid @NotNull @JsonProperty("tracing") private TracingConfig tracing = new TracingConfig();
    @Valid @NotNull @JsonProperty("feedback") private FeedbackSettings feedback = new FeedbackSettings();
    @Valid @NotNull @JsonProperty("reconciliation") private ReconciliationSettings reconciliation = new ReconciliationSettings();
    /** Whether this process consumes the queue (false: API only, e.g. for a probe-only replica). */
    @JsonProperty("consume") private boolean consume = true;
    /**
     * A {@code posting} row of another claim younger than this is left alone (that claim may still be
     * posting); longer than the SDP call timeout, so that claim's POST has been answered or abandoned.
     */
    @NotNull @JsonProperty("postingLease") private Duration postingLease = Duration.minutes(2);
    /** Notes one ticket may receive per {@code ticketNoteWindow}; further changes wait for the window. */
    @Min(1) @JsonProperty("ticketNotesPerWindow") private int ticketNotesPerWindow = 3;
    @NotNull @JsonProperty("ticketNoteWindow") private Duration ticketNoteWindow = Duration.hours(1);
    @Min(1) @Max(100) @JsonProperty("importPageSize") private int importPageSize = 100;

    public DataSourceFactory getDatabase() { return database; }
    public DatabaseTimeouts getDatabaseTimeouts() { return databaseTimeouts; }
    public RedisSettings getRedis() { return redis; }
    public TenantServiceClientConfig getTenantService() { return tenantService; }
    public AuthConfig getAuth() { return auth; }
    public QueueSettings getQueue() { return queue; }
    public ContextSettings getContext() { return context; }
    public EmbeddingSettings getEmbeddings() { return embeddings; }
    public LlmSettings getLlm() { return llm; }
    public SdpSettings getSdp() { return sdp; }
    public TracingConfig getTracing() { return tracing; }
    public FeedbackSettings getFeedback() { return feedback; }
    public boolean isConsume() { return consume; }
    public ReconciliationSettings getReconciliation() { return reconciliation; }
    public Duration getPostingLease() { return postingLease; }
    public void setPostingLease(Duration v) { postingLease = v; }
    public int getTicketNotesPerWindow() { return ticketNotesPerWindow; }
    public Duration getTicketNoteWindow() { return ticketNoteWindow; }
    public int getImportPageSize() { return importPageSize; }

    /** The {@code sdp:} section: timeouts and retries of the SDP client, and which addresses it may reach. */
    public static class SdpSettings {
        @NotNull @JsonProperty private Duration callTimeout = Duration.seconds(30);
        @NotNull @JsonProperty private Duration readTimeout = Duration.seconds(20);
        @Min(1) @JsonProperty private int maxAttempts = 3;
        @NotNull @JsonProperty private Duration initialBackoff = Duration.milliseconds(500);
        @Min(1) @JsonProperty private int bulkheadMaxConcurrentCalls = 10;
        @NotNull @JsonProperty private Duration circuitOpenFor = Duration.seconds(30);
        /** SDP_ALLOW_PRIVATE_NETWORKS: any address and plain http (local run, tests, simulator); false in production. */
        @JsonProperty private boolean allowPrivateNetworks = false;

        public Duration getCallTimeout() { return callTimeout; }

        /** Also the rule for tenants' own LLM endpoints, which are tenant-supplied addresses too. */
        public boolean isAllowPrivateNetworks() { return allowPrivateNetworks; }

        public com.aiagents.platform.sdp.SdpClientConfig toClientConfig() {
            return com.aiagents.platform.sdp.SdpClientConfig.builder()
                    .timeouts(java.time.Duration.ofSeconds(5), readTimeout.toJavaDuration(), callTimeout.toJavaDuration())
                    .retry(maxAttempts, initialBackoff.toJavaDuration(), java.time.Duration.ofSeconds(8))
                    .bulkhead(bulkheadMaxConcurrentCalls, java.time.Duration.ofSeconds(2))
                    .circuitBreaker(20, 10, 50f, circuitOpenFor.toJavaDuration(), 3)
                    .userAgent("ai-agents-platform/enhancement-worker")
                    .allowPrivateNetworks(allowPrivateNetworks)
                    .build();
        }
    }
}
