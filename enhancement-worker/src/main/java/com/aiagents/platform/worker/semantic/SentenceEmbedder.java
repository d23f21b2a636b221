package com.aiagents.platform.worker.semantic;

import com.aiagents.platform.worker.synthesis.StageHash;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * Sentence embeddings computed in the process by a model that ships inside its jar (nothing is
 * downloaded at run time), 384 dimensions: {@link SentenceModel#DEFAULT}, the quantized
 * all-MiniLM-L6-v2. The model (about 23 MB, ~0.6 s to load) is loaded once per process, on the
 * first text embedded, so a worker or a test that never embeds never pays for it. The last few
 * thousand texts are remembered, so the new ticket embedded for its search is not embedded again
 * when it is stored.
 */
public final class SentenceEmbedder {
    public static final int DIMENSIONS = 384;
    /** Texts are cut here: the model reads at most 256 word pieces anyway; this bounds the cost. */
    static final int MAX_CHARS = 2000;

    private final Cache<String, QuantizedVector> recent = Caffeine.newBuilder().maximumSize(2_000).build();
    /**
     * KB articles' passages ({@link ArticlePassages}), shared by the process's tenants (a vector
     * depends on the text alone), keyed by the text's SHA-256 so the passages keep no article text
     * in memory after its article or tenant is deleted (the {@code recent} texts still roll over):
     * at most 10,000, ~0.6 KB each, ~6 MB.
     */
    private final Cache<String, QuantizedVector> passages = Caffeine.newBuilder().maximumSize(10_000).build();
    private final SentenceModel model;
    private volatile EmbeddingModel loaded;

    public SentenceEmbedder() {
        this(SentenceModel.DEFAULT);
    }

    public SentenceEmbedder(SentenceModel model) {
        this.model = model;
    }

    public SentenceModel model() {
        return model;
    }

    /** The model, loaded on first use (once: the models' own classes load their ONNX file once per JVM). */
    private EmbeddingModel loaded() {
        EmbeddingModel m = loaded;
        if (m == null) {
            synchronized (this) {
                m = loaded;
                if (m == null) {
                    // the tokenizer's library (DJL) would otherwise ask the EC2 metadata endpoint where it
                    // runs (usage tracking) and may look for files online; it needs neither
                    System.setProperty("OPT_OUT_TRACKING", "true");
                    System.setProperty("offline", "true");
                    // it unpacks its native library under ~/.djl.ai unless told otherwise; a container's
                    // home may be read-only, its temp directory is not
                    if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
                        System.setProperty("DJL_CACHE_DIR", System.getProperty("java.io.tmpdir") + "/djl.ai");
                    }
                    m = model.loader().get();
                    loaded = m;
                }
            }
        }
        return m;
    }

    /**
     * The unit vector of {@code text} as given (no prefix), quantized as stored and searched.
     * Computed outside the cache's lock: Caffeine's {@code get(key, loader)} would run the model
     * inside a lock of the map that other texts' lookups can need too; two threads embedding the
     * same new text at once both compute it, which is harmless.
     */
    public QuantizedVector embed(String text) {
        String clipped = clip(text);
        return remembered(recent, clipped, clipped);
    }

    private static String clip(String text) {
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    }

    /** {@code clipped}'s vector from {@code cache} under {@code key}, computed and put there when absent. */
    private QuantizedVector remembered(Cache<String, QuantizedVector> cache, String key, String clipped) {
        QuantizedVector known = cache.getIfPresent(key);
        if (known != null) {
            return known;
        }
        QuantizedVector computed = QuantizedVector.of(unit(loaded().embed(clipped).content().vector()));
        cache.put(key, computed);
        return computed;
    }

    /** A ticket as stored, for other tickets to find. */
    public QuantizedVector ticket(String subject, String description) {
        return embed(model.ticketPrefix() + ticketText(subject, description));
    }

    /** A new ticket as the search for its similar tickets and KB articles. */
    public QuantizedVector search(String subject, String description) {
        return embed(model.searchPrefix() + ticketText(subject, description));
    }

    /** A passage of a KB article (its title and a run of its sentences), remembered apart from tickets. */
    public QuantizedVector passage(String text) {
        String clipped = clip(model.articlePrefix() + text);
        // not kept among the recent texts: those hold the text itself
        return remembered(passages, StageHash.sha256(clipped), clipped);
    }

    /** A KB article as stored. */
    public QuantizedVector article(String title, String content) {
        return embed(model.articlePrefix() + articleText(title, content));
    }

    /**
     * Loads the model now rather than on the first ticket (about 0.6 s on an idle core, far more on
     * a busy one): every job that meets a model still loading waits for it.
     */
    public void loadModel() {
        loaded().embed("warm-up");
    }

    /** What a ticket is embedded from: what the requester wrote, the symptom (never the resolution). */
    public static String ticketText(String subject, String description) {
        return (subject == null ? "" : subject.strip()) + "\n" + (description == null ? "" : description.strip());
    }

    /** What a KB article is embedded from. */
    public static String articleText(String title, String content) {
        return ticketText(title, content);
    }

    static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float inv = norm == 0 ? 0f : (float) (1.0 / Math.sqrt(norm));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }
}
