package com.aiagents.platform.worker;

import com.aiagents.platform.api.JsonMapper;
import com.aiagents.platform.common.auth.PlatformAuth;
import com.aiagents.platform.common.auth.TokenIssuer;
import com.aiagents.platform.common.auth.PlatformService;
import com.aiagents.platform.common.client.CachingTenantDirectory;
import com.aiagents.platform.common.config.PlatformConfigs;
import com.aiagents.platform.common.db.TenantDatabase;
import com.aiagents.platform.common.errors.JsonErrors;
import com.aiagents.platform.common.logging.CommandLines;
import com.aiagents.platform.common.openapi.OpenApiResource;
import com.aiagents.platform.common.health.HttpDependencyHealthCheck;
import com.aiagents.platform.common.health.PlatformHealth;
import com.aiagents.platform.common.health.RedisHealthCheck;
import com.aiagents.platform.common.audit.AuditTrail;
import com.aiagents.platform.common.metrics.PrometheusMetrics;
import com.aiagents.platform.common.tracing.PlatformTracing;
import com.aiagents.platform.sdp.SdpClientFactory;
import com.aiagents.platform.worker.client.CachedComposedPrompts;
import com.aiagents.platform.worker.client.ComposedPromptClient;
import com.aiagents.platform.worker.context.ContextGatherer;
import com.aiagents.platform.worker.core.FleetActivity;
import com.aiagents.platform.worker.db.FleetActivityDao;
import com.aiagents.platform.worker.resources.FleetActivityResource;
import com.aiagents.platform.worker.semantic.EmbeddingWriter;
import com.aiagents.platform.worker.semantic.Embeddings;
import com.aiagents.platform.worker.semantic.SentenceEmbedder;
import com.aiagents.platform.worker.context.ContextSnapshots;
import com.aiagents.platform.worker.core.DeterminismProbe;
import com.aiagents.platform.worker.core.EnhancementPipeline;
import com.aiagents.platform.worker.core.FeedbackRecorder;
import com.aiagents.platform.worker.core.JobProcessor;
import com.aiagents.platform.worker.core.PremiumQueueDiscovery;
import com.aiagents.platform.worker.core.QueueDepthGauge;
import com.aiagents.platform.worker.core.ReconciliationLoop;
import com.aiagents.platform.worker.core.ReconciliationMetrics;
import com.aiagents.platform.worker.core.ReconciliationSettings;
import com.aiagents.platform.worker.core.RegistryTenants;
import com.aiagents.platform.worker.core.WebhookReconciler;
import com.aiagents.platform.worker.core.SdpCircuitGauge;
import com.aiagents.platform.worker.core.SdpClients;
import com.aiagents.platform.worker.core.TicketHistoryImporter;
import com.aiagents.platform.worker.core.WorkerMetrics;
import com.aiagents.platform.worker.db.InventoryDao;
import com.aiagents.platform.worker.db.KbArticleDao;
import com.aiagents.platform.worker.health.LlmCircuitHealthCheck;
import com.aiagents.platform.worker.queue.DeadLetters;
import com.aiagents.platform.worker.queue.JobHandler;
import com.aiagents.platform.worker.queue.QueueConsumer;
import com.aiagents.platform.worker.queue.QueueDepths;
import com.aiagents.platform.worker.queue.QueueMaintenance;
import com.aiagents.platform.worker.queue.QueueSettings;
import com.aiagents.platform.worker.queue.ReconciledJobs;
import com.aiagents.platform.worker.queue.ReliableQueue;
import com.aiagents.platform.worker.queue.RetryPolicy;
import com.aiagents.platform.worker.resources.ContextDataResource;
import com.aiagents.platform.worker.resources.DeterminismProbeResource;
import com.aiagents.platform.worker.resources.QueueResource;
import com.aiagents.platform.worker.erasure.TenantRedisErasure;
import com.aiagents.platform.worker.resources.RedisErasureResource;
import com.aiagents.platform.worker.resources.ReconciliationResource;
import com.aiagents.platform.worker.resources.EnhancementResource;
import com.aiagents.platform.worker.core.Enhancements;
import com.aiagents.platform.worker.db.EnhancementReadDao;
import com.aiagents.platform.worker.resources.TenantDataResource;
import com.aiagents.platform.worker.resources.TicketImportResource;
import com.aiagents.platform.worker.export.TenantExport;
import com.aiagents.platform.worker.export.TenantImport;
import com.aiagents.platform.sdp.net.NetworkGuards;
import com.aiagents.platform.sdp.net.NetworkPolicy;
import com.aiagents.platform.worker.synthesis.ChatCompletionsClient;
import com.aiagents.platform.worker.synthesis.DeterministicSynthesizer;
import com.aiagents.platform.worker.synthesis.LlmSynthesizer;
import com.aiagents.platform.worker.synthesis.LlmTokenBudget;
import com.aiagents.platform.worker.synthesis.NoteRenderer;
import com.aiagents.platform.worker.synthesis.PromptAssembler;
import com.aiagents.platform.worker.synthesis.SynthesisService;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.AutoCloseableManager;
import io.dropwizard.lifecycle.Managed;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import redis.clients.jedis.UnifiedJedis;

/** enhancement-worker: consumes the queue fairly, gathers context, synthesizes and posts one note per ticket event. */
public class EnhancementWorkerApplication extends Application<EnhancementWorkerConfiguration> {

    public static void main(String[] args) throws Exception {
        CommandLines.run(new EnhancementWorkerApplication(), args);
    }

    @Override
    public String getName() {
        return "enhancement-worker";
    }

    @Override
    public void initialize(Bootstrap<EnhancementWorkerConfiguration> bootstrap) {
        PlatformConfigs.initialize(bootstrap);
    }

    @Override
    public void run(EnhancementWorkerConfiguration config, Environment environment) {
        PlatformService.WORKER.requireOwnToken(config.getTenantService().getServiceToken());
        JsonErrors.register(environment);
        OpenApiResource.register(environment, getName());
        PlatformAuth.register(environment, config.getAuth(), new TokenIssuer(config.getTenantService().getUrl(),
                config.getTenantService().getServiceToken(), config.getTenantService().getTlsCaFile()));
        PrometheusMetrics metrics = PrometheusMetrics.install(environment);
        PlatformTracing tracing = PlatformTracing.install(environment, config.getTracing(), getName());
        Clock clock = Clock.systemUTC();
        ObjectMapper json = JsonMapper.create();
        QueueSettings queueSettings = config.getQueue();

        config.getDatabaseTimeouts().applyTo(config.getDatabase());
        TenantDatabase database = TenantDatabase.build(environment, config.getDatabase());
        UnifiedJedis redis = config.getRedis().open(queueSettings.getConcurrency());
        environment.lifecycle().manage(new AutoCloseableManager(redis));
        CachingTenantDirectory directory = CachingTenantDirectory.create(config.getTenantService(), tracing.clientInterceptor());
        environment.lifecycle().manage(new AutoCloseableManager(directory));
        // Idle connections kept for reuse: OkHttp's default keeps 5, so with dozens of job slots most
        // SDP and LLM calls would open a new connection (and TLS session) after every burst.
        OkHttpClient http = new OkHttpClient.Builder().addInterceptor(tracing.clientInterceptor())
                .connectionPool(new okhttp3.ConnectionPool(Math.max(5, 2 * queueSettings.getConcurrency()), 5,
                        java.util.concurrent.TimeUnit.MINUTES))
                .build();
        SdpClientFactory sdpFactory = new SdpClientFactory(config.getSdp().toClientConfig(), http,
                new SdpCircuitGauge(metrics.registry()));
        environment.lifecycle().manage(new AutoCloseableManager(sdpFactory));
        SdpClients sdpClients = new SdpClients(sdpFactory);

        Embeddings embeddings = Embeddings.build(database, config.getEmbeddings());
        EmbeddingWriter embeddingWriter = embeddings == null ? null : embeddings.writer();
        if (embeddings != null) {
            environment.lifecycle().manage(new AutoCloseableManager(embeddings.backfill()));
            // the model loads while the server starts, not inside the first jobs (which would all wait for it)
            Thread load = new Thread(() -> {
                try {
                    embeddings.retrieval().embedder().loadModel();
                } catch (RuntimeException | Error e) {
                    org.slf4j.LoggerFactory.getLogger(SentenceEmbedder.class).warn("event=embedding_model_load_failed error={}", e.getClass().getSimpleName());
                }
            }, "embedding-model-load");
            load.setDaemon(true);
            load.start();
            org.slf4j.LoggerFactory.getLogger(SentenceEmbedder.class).info("event=vector_scan_kernel kernel={}",
                    com.aiagents.platform.worker.semantic.VectorMatrix.scanKernel());
        }
        EnhancementPipeline pipeline = new EnhancementPipeline(new ContextGatherer(database, config.getContext(),
                embeddings == null ? null : embeddings.retrieval()), new PromptAssembler());
        DeterministicSynthesizer deterministic = new DeterministicSynthesizer();
        ChatCompletionsClient llmClient = config.getLlm().isConfigured()
                ? new ChatCompletionsClient(config.getLlm(), http, json) : null;
        // tenants' own endpoints (llm_endpoint) are tenant-supplied addresses: guarded like their SDP
        ChatCompletionsClient tenantLlmClient = ChatCompletionsClient.forTenantEndpoints(config.getLlm(),
                NetworkGuards.guarded(http, Dns.SYSTEM, new NetworkPolicy(config.getSdp().isAllowPrivateNetworks(),
                        List.of())), json);
        SynthesisService synthesis = new SynthesisService(
                llmClient == null ? null : new LlmSynthesizer(llmClient, json),
                new LlmSynthesizer(tenantLlmClient, json), deterministic, tracing,
                new LlmTokenBudget(redis, config.getLlm().getDailyTokenBudget(), Clock.systemUTC(), metrics.registry()));
        WorkerMetrics workerMetrics = new WorkerMetrics(metrics.registry());

        SecureRandom random = new SecureRandom();
        RetryPolicy retries = new RetryPolicy(queueSettings.getMaxAttempts(),
                queueSettings.getRetryBaseDelay().toJavaDuration(), queueSettings.getRetryMaxDelay().toJavaDuration(),
                queueSettings.getRetryJitter(), random::nextDouble);
        String workerId = workerId(random);
        ReliableQueue queue = new ReliableQueue(redis, workerId, queueSettings.getMaxInFlightPerTenant(),
                queueSettings.getDispatchBatch(), queueSettings.getJobDeadline().toJavaDuration(),
                queueSettings.getMaxAttempts(), queueSettings.getPremiumInFlightWeight());
        QueueMaintenance maintenance = new QueueMaintenance(redis, queueSettings.getMaxAttempts(),
                queueSettings.getMaxReaps());
        ComposedPromptClient composedPrompts = new ComposedPromptClient(http, config.getTenantService(), json);
        JobProcessor processor = new JobProcessor(directory, database, sdpClients, pipeline, synthesis,
                new NoteRenderer(), retries, workerMetrics, clock, new JobProcessor.PostingRules(
                        config.getPostingLease().toJavaDuration(), config.getSdp().getCallTimeout().toJavaDuration(),
                        config.getTicketNotesPerWindow(), config.getTicketNoteWindow().toJavaDuration()), tracing,
                new CachedComposedPrompts(composedPrompts, config.getTenantService()),
                config.getFeedback().links(clock), embeddingWriter);
        QueueConsumer consumer = new QueueConsumer(queue, maintenance, handler(processor), retries, queueSettings,
                clock, workerMetrics);
        if (config.isConsume()) {
            environment.lifecycle().manage(consumer);
            // the votes the gateway hands over through Redis (the gateway has no database)
            environment.lifecycle().manage(new FeedbackRecorder(redis, database, json, workerMetrics));
        }

        QueueDepths depths = new QueueDepths(redis);
        QueueDepthGauge depthGauge = new QueueDepthGauge(depths, metrics.registry());
        ScheduledExecutorService gaugeRefresh = environment.lifecycle().scheduledExecutorService("queue-depth-refresh")
                .threads(1).build();
        environment.lifecycle().manage(new Managed() {
            @Override
            public void start() {
                long every = queueSettings.getDepthRefreshInterval().toMilliseconds();
                gaugeRefresh.scheduleWithFixedDelay(() -> {
                    try {
                        depthGauge.refresh();
                    } catch (RuntimeException e) {
                        org.slf4j.LoggerFactory.getLogger(QueueDepthGauge.class)
                                .warn("event=queue_depth_refresh_failed error={}", e.getClass().getSimpleName());
                    }
                }, 0, every, TimeUnit.MILLISECONDS);
            }
        });

        RegistryTenants registryTenants = new RegistryTenants(http, config.getTenantService(), json);
        PremiumQueueDiscovery discovery = new PremiumQueueDiscovery(registryTenants, maintenance);
        gaugeRefresh.scheduleWithFixedDelay(() -> {
            try {
                discovery.discover();
            } catch (java.io.IOException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(PremiumQueueDiscovery.class)
                        .warn("event=premium_queue_discovery_failed error={}", e.getClass().getSimpleName());
            }
        }, 0, queueSettings.getReconcileInterval().toMilliseconds() * 3, TimeUnit.MILLISECONDS);

        AuditTrail audit = new AuditTrail(config.getTenantService().getUrl(), config.getTenantService().getServiceToken(),
                config.getTenantService().getTlsCaFile(), tracing.clientInterceptor(), metrics.registry());
        environment.lifecycle().manage(new AutoCloseableManager(audit));
        ExecutorService imports = environment.lifecycle().executorService("ticket-import").minThreads(2).maxThreads(2).build();
        TicketHistoryImporter importer = new TicketHistoryImporter(directory, database, sdpClients, redis, imports,
                config.getImportPageSize(), workerId, audit, embeddingWriter);

        ReconciliationSettings reconciliation = config.getReconciliation();
        WebhookReconciler reconciler = new WebhookReconciler(database, sdpClients,
                new ReconciledJobs(redis, json, reconciliation.getDedupWindow().toJavaDuration()), redis,
                new ReconciliationMetrics(metrics.registry()), reconciliation, clock);
        if (reconciliation.isEnabled()) {
            ScheduledExecutorService reconcileScheduler = environment.lifecycle()
                    .scheduledExecutorService("reconciliation").threads(1).build();
            environment.lifecycle().manage(new ReconciliationLoop(registryTenants, directory, reconciler,
                    reconciler.metrics(), reconciliation, redis, workerId, reconcileScheduler, clock));
        }

        environment.jersey().register(new ReconciliationResource(reconciler, clock));
        FleetActivity fleet = new FleetActivity(database, new FleetActivityDao(), redis, clock);
        environment.jersey().register(new QueueResource(depths, new DeadLetters(redis), audit, fleet));
        environment.jersey().register(new FleetActivityResource(fleet));
        environment.jersey().register(new ContextDataResource(directory, database, new KbArticleDao(), new InventoryDao(json), audit,
                embeddingWriter));
        environment.jersey().register(new TicketImportResource(directory, importer, audit));
        environment.jersey().register(new EnhancementResource(new Enhancements(database, new EnhancementReadDao())));
        environment.jersey().register(new TenantDataResource(directory, database, new TenantExport(json, clock),
                new TenantImport(json), audit, tenant -> {
                    if (embeddings != null) {
                        embeddings.backfill().request(tenant);
                    }
                }));
        environment.jersey().register(new RedisErasureResource(directory, redis, new TenantRedisErasure(json), audit));
        environment.jersey().register(new DeterminismProbeResource(directory,
                new DeterminismProbe(directory, new ContextSnapshots(database), pipeline, deterministic, composedPrompts)));

        environment.healthChecks().register("redis", new RedisHealthCheck(redis));
        environment.healthChecks().register("tenant-service",
                new HttpDependencyHealthCheck(http, config.getTenantService().getHealthUrl()));
        environment.healthChecks().register("llm-circuit", new LlmCircuitHealthCheck(llmClient));
        PlatformHealth.install(environment, config.getHealthFactory(), metrics.registry());
    }

    /** The handler the queue runs each job with; a test's subclass may wrap it (to crash on a marker ticket). */
    protected JobHandler handler(JobProcessor processor) {
        return processor;
    }

    /** host-pid-random: unique per process, readable in {@code redis-cli SMEMBERS {enhancement_queue}:workers}. */
    static String workerId(SecureRandom random) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "worker";
        }
        host = host.replaceAll("[^A-Za-z0-9.-]", "-");
        if (host.length() > 60) {
            host = host.substring(0, 60);
        }
        byte[] suffix = new byte[4];
        random.nextBytes(suffix);
        return host + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(suffix);
    }
}
