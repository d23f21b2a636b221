package com.aiagents.platform.worker.semantic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * One tenant's vectors of one source (tickets or KB articles), row after row in one byte array:
 * an exact scan over it is a tight loop over contiguous memory (100,000 rows: 38 MB, ~2 ms on one
 * idle core with the Vector API's kernel, ~20 ms with the scalar one; see {@link DotProducts}). Scans share a read lock; adding, replacing or removing a row
 * takes the write lock, so a scan never sees a row half written.
 */
public final class VectorMatrix implements StoredRows {
    private static final int D = SentenceEmbedder.DIMENSIONS;
    /** What one row costs beyond its bytes: the id string, its map entry, the scale. */
    private static final int ROW_OVERHEAD = 120;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Integer> rowOf;
    private String[] ids;
    private float[] scales;
    private byte[] data;
    private int size;

    public VectorMatrix(int capacity) {
        int c = Math.max(16, capacity);
        rowOf = new HashMap<>(c + c / 3 + 1);
        ids = new String[c];
        scales = new float[c];
        data = new byte[c * D];
    }

    /** The scan's kernel in this JVM ({@code simd-512bit}, {@code simd-256bit} or {@code scalar}), for the start-up log. */
    public static String scanKernel() {
        return DotProducts.BEST.name();
    }

    /** A row id and its cosine with the query. */
    public record Scored(String id, double cosine) {
    }

    public void put(String id, QuantizedVector v) {
        lock.writeLock().lock();
        try {
            int row = rowFor(id);
            scales[row] = v.scale();
            System.arraycopy(v.values(), 0, data, row * D, D);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Adds or replaces a row from its stored form ({@link QuantizedVector#toBytes()}: the scale,
     * big-endian, then the 384 bytes) without an intermediate object: what a load does 100,000
     * times for a large tenant.
     */
    @Override
    public void putStored(String id, byte[] stored) {
        if (stored == null || stored.length != QuantizedVector.BYTES) {
            throw new IllegalArgumentException("an embedding is " + QuantizedVector.BYTES + " bytes");
        }
        lock.writeLock().lock();
        try {
            int row = rowFor(id);
            scales[row] = Float.intBitsToFloat((stored[0] & 0xff) << 24 | (stored[1] & 0xff) << 16
                    | (stored[2] & 0xff) << 8 | stored[3] & 0xff);
            System.arraycopy(stored, 4, data, row * D, D);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The row of {@code id}, appended if new (under the write lock). */
    private int rowFor(String id) {
        Integer row = rowOf.get(id);
        if (row != null) {
            return row;
        }
        if (size == ids.length) {
            grow();
        }
        int added = size++;
        ids[added] = id;
        rowOf.put(id, added);
        return added;
    }

    /**
     * Gives back the spare capacity a load grew into, keeping a little for the rows a catch-up
     * adds: the cache weighs a matrix by its capacity, so a loaded one should weigh what it holds.
     */
    public void trim() {
        lock.writeLock().lock();
        try {
            int c = Math.max(16, size + Math.max(16, size >> 6));
            if (c < ids.length) {
                ids = Arrays.copyOf(ids, c);
                scales = Arrays.copyOf(scales, c);
                data = Arrays.copyOf(data, c * D);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes a row (its ticket lost its resolution, or its text changed and awaits a new embedding). */
    public void remove(String id) {
        lock.writeLock().lock();
        try {
            Integer row = rowOf.remove(id);
            if (row == null) {
                return;
            }
            int last = --size;
            if (row != last) {
                ids[row] = ids[last];
                scales[row] = scales[last];
                System.arraycopy(data, last * D, data, row * D, D);
                rowOf.put(ids[row], row);
            }
            ids[last] = null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void grow() {
        int c = ids.length + (ids.length >> 1);
        ids = Arrays.copyOf(ids, c);
        scales = Arrays.copyOf(scales, c);
        data = Arrays.copyOf(data, c * D);
    }

    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Bytes this matrix holds on the heap (capacity, not size: what the JVM really keeps). */
    public long weight() {
        lock.readLock().lock();
        try {
            return (long) ids.length * (D + ROW_OVERHEAD);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The {@code k} rows closest to {@code query} with a cosine of at least {@code min}, best
     * first (ties by id, so equal data ranks alike), {@code exclude} left out. Exact: every row is
     * scored.
     */
    public List<Scored> nearest(QuantizedVector query, int k, double min, String exclude) {
        return nearest(query, k, min, exclude, id -> true);
    }

    /**
     * The same among the rows {@code eligible} accepts: an MSP ticket's account-scoped search ranks
     * only its account's vectors, so another account's closer ones cannot take the candidates' places.
     */
    public List<Scored> nearest(QuantizedVector query, int k, double min, String exclude, Predicate<String> eligible) {
        return nearest(query, k, min, exclude, eligible, DotProducts.BEST);
    }

    /**
     * The scan: dot products a block of rows at a time ({@link DotProducts}: contiguous memory,
     * no object per row), the best {@code k} kept in a min-heap of primitives; only a row that
     * would enter the heap is checked against {@code exclude} and {@code eligible}.
     */
    List<Scored> nearest(QuantizedVector query, int k, double min, String exclude, Predicate<String> eligible,
                         DotProducts kernel) {
        byte[] q = query.values();
        TopK top = new TopK(k);
        int[] dots = new int[BLOCK];
        lock.readLock().lock();
        try {
            for (int from = 0; from < size; from += BLOCK) {
                int rows = Math.min(BLOCK, size - from);
                kernel.dots(q, data, from, rows, dots);
                for (int r = 0; r < rows; r++) {
                    float score = dots[r] * scales[from + r];
                    if (top.accepts(score)) {
                        String id = ids[from + r];
                        if ((exclude == null || !exclude.equals(id)) && eligible.test(id)) {
                            top.add(score, from + r);
                        }
                    }
                }
            }
            List<Scored> out = new ArrayList<>(top.size);
            for (int i = 0; i < top.size; i++) {
                double cosine = Math.round(10_000.0 * top.scores[i] * query.scale()) / 10_000.0;
                if (cosine >= min) {
                    out.add(new Scored(ids[top.rows[i]], cosine));
                }
            }
            out.sort((a, b) -> a.cosine() != b.cosine() ? Double.compare(b.cosine(), a.cosine()) : a.id().compareTo(b.id()));
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Rows scored per call of the kernel: 256 rows are 96 KiB of the matrix, the scores 1 KiB. */
    private static final int BLOCK = 256;

    /**
     * The {@code k} best scores seen, as a binary min-heap of parallel arrays (the worst at the
     * root): a row enters only when it beats the root; on a tie the earlier row stays.
     */
    private static final class TopK {
        final float[] scores;
        final int[] rows;
        int size;

        TopK(int k) {
            scores = new float[Math.max(1, k)];
            rows = new int[Math.max(1, k)];
        }

        boolean accepts(float score) {
            return size < scores.length || score > scores[0];
        }

        void add(float score, int row) {
            // not full: the new entry rises from the end; full: it replaces the root and sinks
            int at = size < scores.length ? rise(size++, score) : sink(score);
            scores[at] = score;
            rows[at] = row;
        }

        /** The slot for {@code score} rising from {@code at}, the entries it passes moved down. */
        private int rise(int at, float score) {
            while (at > 0 && scores[(at - 1) >>> 1] > score) {
                at = moveInto(at, (at - 1) >>> 1);
            }
            return at;
        }

        /** The slot for {@code score} sinking from the root, the smaller children it passes moved up. */
        private int sink(float score) {
            int at = 0;
            for (int child = 1; child < size; child = 2 * at + 1) {
                if (child + 1 < size && scores[child + 1] < scores[child]) {
                    child++;
                }
                if (scores[child] >= score) {
                    break;
                }
                at = moveInto(at, child);
            }
            return at;
        }

        /** Moves entry {@code from} into slot {@code at}; returns the slot it left. */
        private int moveInto(int at, int from) {
            scores[at] = scores[from];
            rows[at] = rows[from];
            return from;
        }
    }
    /** How many nearest rows the re-rank considers (the pool the feedback and the neighbourhood work on). */
    static final int POOL = 50;

    /**
     * Pseudo-relevance feedback (Rocchio): the {@code k} nearest, re-ranked by their closeness to
     * the query moved towards its best match ({@code query + weight * best}). The best match is
     * usually on the ticket's topic, and a ticket worded like no other is then judged by its
     * neighbourhood too, not by its words alone. The cosine reported and the {@code min} bar stay
     * the original query's. {@code weight} 0: plain nearest neighbours.
     */
    public List<Scored> nearestWithFeedback(QuantizedVector query, int k, double min, String exclude, double weight) {
        return nearestWithFeedback(query, k, min, exclude, weight, 0.0, id -> true);
    }

    /**
     * {@link #nearestWithFeedback(QuantizedVector, int, double, String, double)} among
     * {@code eligible} rows, then score regularisation over the pool ({@code neighbourhood} 0:
     * off): each candidate's score becomes {@code (1 - neighbourhood) * its own + neighbourhood *}
     * the mean score of the other candidates, each weighted by its cosine with this one, cubed (so
     * the closest neighbours count, the merely related barely). The cluster hypothesis: tickets of
     * one topic resemble each other more than any short, jargon-free query resembles them, so a
     * candidate whose close neighbours also match the query is on the query's topic, and one that
     * matches on a stray word ("connection", "my phone") with no such neighbours falls behind.
     */
    public List<Scored> nearestWithFeedback(QuantizedVector query, int k, double min, String exclude, double weight,
                                            double neighbourhood, Predicate<String> eligible) {
        return nearestWithFeedback(query, k, min, exclude, weight, neighbourhood, 1, 0.0, eligible);
    }

    /**
     * The same for a model whose cosine between unrelated texts is about {@code unrelated}
     * ({@link SentenceModel#unrelated()}): the neighbours' weights are the cosines rescaled so that
     * unrelated is 0 and identical 1, then cubed, so "close neighbour" means the same whatever
     * the model's scale (with bge-small-en-v1.5 every cosine in a pool is 0.5-0.9, and their cubes
     * would weigh all neighbours nearly alike).
     */
    public List<Scored> nearestWithFeedback(QuantizedVector query, int k, double min, String exclude, double weight,
                                            double neighbourhood, int steps, double unrelated, Predicate<String> eligible) {
        if (weight <= 0 && neighbourhood <= 0) {
            return nearest(query, k, min, exclude, eligible);
        }
        // the pool is the nearest rows whatever their cosine: a candidate's weak neighbours are
        // evidence too; the min bar applies to what is returned
        List<Scored> first = nearest(query, Math.max(k, POOL), -1.0, exclude, eligible);
        if (first.size() < 2) {
            return atLeast(first, min, k);
        }
        int n = first.size();
        double[] score = new double[n];
        lock.readLock().lock();
        try {
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                Integer row = rowOf.get(first.get(i).id());
                if (row == null) { // removed since the scan: keep the scan's order
                    return atLeast(first, min, k);
                }
                rows[i] = row;
            }
            float[] moved = query.toFloats();
            for (int d = 0; weight > 0 && d < D; d++) {
                moved[d] += (float) weight * data[rows[0] * D + d] * scales[rows[0]];
            }
            for (int i = 0; i < n; i++) {
                double dot = 0;
                for (int d = 0; d < D; d++) {
                    dot += moved[d] * data[rows[i] * D + d];
                }
                score[i] = dot * scales[rows[i]];
            }
            if (neighbourhood > 0) {
                score = regularised(rows, score, neighbourhood, steps, unrelated);
            }
        } finally {
            lock.readLock().unlock();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] s = score;
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(s[b], s[a]);
            return c != 0 ? c : first.get(a).id().compareTo(first.get(b).id());
        });
        List<Scored> ranked = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ranked.add(first.get(order[i]));
        }
        return atLeast(ranked, min, k);
    }

    /** The first {@code k} of {@code ranked} whose cosine reaches {@code min}. */
    private static List<Scored> atLeast(List<Scored> ranked, double min, int k) {
        return ranked.stream().filter(s -> s.cosine() >= min).limit(k).toList();
    }

    /** Each score mixed with its neighbours' in the pool (see above); the caller holds the read lock. */
    private double[] regularised(int[] rows, double[] score, double neighbourhood, int steps, double unrelated) {
        int n = rows.length;
        double[][] affinity = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double cosine = dot(data, rows[i] * D, data, rows[j] * D) * (double) scales[rows[i]] * scales[rows[j]];
                double c = Math.max(0.0, (cosine - unrelated) / (1.0 - unrelated));
                affinity[i][j] = affinity[j][i] = c * c * c;
            }
        }
        return propagate(affinity, score, neighbourhood, steps);
    }

    /**
     * {@code f = (1 - neighbourhood) * score + neighbourhood * W f}, W the affinities with each row
     * scaled to sum to 1 (a row without neighbours gets none of their score), applied {@code steps}
     * times from {@code f = score}, or until no score moves by 1e-12: one step is the plain
     * regularisation, many reach its fixed point (manifold ranking, Zhou et al., NIPS 2003), where
     * a candidate also gains from its neighbours' neighbours, so a topic's tickets support each
     * other beyond the pairs that are close. The mix is a contraction (factor {@code neighbourhood}
     * &lt; 1), so the steps converge: about 80 at 0.7.
     */
    static double[] propagate(double[][] affinity, double[] score, double neighbourhood, int steps) {
        int n = score.length;
        double[] out = score;
        for (int step = 0; step < steps; step++) {
            double[] next = new double[n];
            double change = 0;
            for (int i = 0; i < n; i++) {
                double weights = 0;
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    weights += affinity[i][j];
                    sum += affinity[i][j] * out[j];
                }
                next[i] = (1 - neighbourhood) * score[i] + neighbourhood * (weights == 0 ? 0.0 : sum / weights);
                change = Math.max(change, Math.abs(next[i] - out[i]));
            }
            out = next;
            if (change < 1e-12) {
                break;
            }
        }
        return out;
    }

    /** The row of {@code id} as floats (its unit vector, as quantized), or null when absent. */
    public float[] floats(String id) {
        lock.readLock().lock();
        try {
            Integer row = rowOf.get(id);
            if (row == null) {
                return null;
            }
            float[] out = new float[D];
            for (int d = 0; d < D; d++) {
                out[d] = data[row * D + d] * scales[row];
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The cosines of the given rows (those present), for candidates another ranking found. */
    public Map<String, Double> cosines(QuantizedVector query, List<String> wanted) {
        Map<String, Double> out = new HashMap<>();
        lock.readLock().lock();
        try {
            for (String id : wanted) {
                Integer row = rowOf.get(id);
                if (row != null) {
                    int dot = DotProducts.dot(query.values(), data, row * D);
                    out.put(id, Math.round(10_000.0 * dot * scales[row] * query.scale()) / 10_000.0);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return out;
    }

    private static int dot(byte[] q, int qOff, byte[] data, int off) {
        int s0 = 0;
        int s1 = 0;
        int s2 = 0;
        int s3 = 0;
        for (int i = 0; i < D; i += 4) {
            s0 += q[qOff + i] * data[off + i];
            s1 += q[qOff + i + 1] * data[off + i + 1];
            s2 += q[qOff + i + 2] * data[off + i + 2];
            s3 += q[qOff + i + 3] * data[off + i + 3];
        }
        return s0 + s1 + s2 + s3;
    }
}
