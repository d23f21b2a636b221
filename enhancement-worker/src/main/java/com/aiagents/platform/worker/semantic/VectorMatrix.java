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
 * an exact scan over it is a tight loop over contiguous memory (100,000 rows: 38 MB, a few tens
 * of milliseconds on one core). Scans share a read lock; adding, replacing or removing a row
 * takes the write lock, so a scan never sees a row half written.
 */
public final class VectorMatrix {
    private static final int D = SentenceEmbedder.DIMENSIONS;
    /** What one row costs beyond its bytes: the id string, its map entry, the scale. */
    private static final int ROW_OVERHEAD = 120;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Integer> rowOf = new HashMap<>();
    private String[] ids;
    private float[] scales;
    private byte[] data;
    private int size;

    public VectorMatrix(int capacity) {
        int c = Math.max(16, capacity);
        ids = new String[c];
        scales = new float[c];
        data = new byte[c * D];
    }

    /** A row id and its cosine with the query. */
    public record Scored(String id, double cosine) {
    }

    public void put(String id, QuantizedVector v) {
        lock.writeLock().lock();
        try {
            Integer row = rowOf.get(id);
            if (row == null) {
                if (size == ids.length) {
                    grow();
                }
                row = size++;
                ids[row] = id;
                rowOf.put(id, row);
            }
            scales[row] = v.scale();
            System.arraycopy(v.values(), 0, data, row * D, D);
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
        byte[] q = query.values();
        int[] bestRow = new int[k];
        int[] bestDot = new int[k];
        int found = 0;
        lock.readLock().lock();
        try {
            for (int row = 0, off = 0; row < size; row++, off += D) {
                int dot = dot(q, data, off);
                // a cheap bound first: the int dot product is compared only after scaling
                if (found == k && dot * scales[row] <= bestDot[k - 1] * scales[bestRow[k - 1]]) {
                    continue;
                }
                if (exclude != null && exclude.equals(ids[row]) || !eligible.test(ids[row])) {
                    continue;
                }
                int at = found < k ? found++ : k - 1;
                while (at > 0 && dot * scales[row] > bestDot[at - 1] * scales[bestRow[at - 1]]) {
                    bestRow[at] = bestRow[at - 1];
                    bestDot[at] = bestDot[at - 1];
                    at--;
                }
                bestRow[at] = row;
                bestDot[at] = dot;
            }
            List<Scored> out = new ArrayList<>(found);
            for (int i = 0; i < found; i++) {
                double cosine = Math.round(10_000.0 * bestDot[i] * scales[bestRow[i]] * query.scale()) / 10_000.0;
                if (cosine >= min) {
                    out.add(new Scored(ids[bestRow[i]], cosine));
                }
            }
            out.sort((a, b) -> a.cosine() != b.cosine() ? Double.compare(b.cosine(), a.cosine()) : a.id().compareTo(b.id()));
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Pseudo-relevance feedback (Rocchio): the {@code k} nearest, re-ranked by their closeness to
     * the query moved towards its best match ({@code query + weight * best}). The best match is
     * usually on the ticket's topic, and a ticket worded like no other is then judged by its
     * neighbourhood too, not by its words alone. The cosine reported and the {@code min} bar stay
     * the original query's. {@code weight} 0: plain nearest neighbours.
     */
    public List<Scored> nearestWithFeedback(QuantizedVector query, int k, double min, String exclude, double weight) {
        return nearestWithFeedback(query, k, min, exclude, weight, id -> true);
    }

    /** {@link #nearestWithFeedback(QuantizedVector, int, double, String, double)} among {@code eligible} rows. */
    public List<Scored> nearestWithFeedback(QuantizedVector query, int k, double min, String exclude, double weight,
                                            Predicate<String> eligible) {
        List<Scored> first = nearest(query, Math.max(k, 50), min, exclude, eligible);
        if (weight <= 0 || first.size() < 2) {
            return first.subList(0, Math.min(k, first.size()));
        }
        float[] moved = query.toFloats();
        Map<String, Double> feedbackScore = new HashMap<>();
        lock.readLock().lock();
        try {
            Integer best = rowOf.get(first.get(0).id());
            if (best == null) {
                return first.subList(0, Math.min(k, first.size()));
            }
            for (int i = 0; i < D; i++) {
                moved[i] += (float) weight * data[best * D + i] * scales[best];
            }
            for (Scored s : first) {
                Integer row = rowOf.get(s.id());
                double dot = 0;
                for (int i = 0; row != null && i < D; i++) {
                    dot += moved[i] * data[row * D + i];
                }
                feedbackScore.put(s.id(), row == null ? -1.0 : dot * scales[row]);
            }
        } finally {
            lock.readLock().unlock();
        }
        List<Scored> reranked = new ArrayList<>(first);
        reranked.sort((a, b) -> {
            int c = Double.compare(feedbackScore.get(b.id()), feedbackScore.get(a.id()));
            return c != 0 ? c : a.id().compareTo(b.id());
        });
        return reranked.subList(0, Math.min(k, reranked.size()));
    }

    /** The cosines of the given rows (those present), for candidates another ranking found. */
    public Map<String, Double> cosines(QuantizedVector query, List<String> wanted) {
        Map<String, Double> out = new HashMap<>();
        lock.readLock().lock();
        try {
            for (String id : wanted) {
                Integer row = rowOf.get(id);
                if (row != null) {
                    int dot = dot(query.values(), data, row * D);
                    out.put(id, Math.round(10_000.0 * dot * scales[row] * query.scale()) / 10_000.0);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return out;
    }

    private static int dot(byte[] q, byte[] data, int off) {
        int s0 = 0;
        int s1 = 0;
        int s2 = 0;
        int s3 = 0;
        for (int i = 0; i < D; i += 4) {
            s0 += q[i] * data[off + i];
            s1 += q[i + 1] * data[off + i + 1];
            s2 += q[i + 2] * data[off + i + 2];
            s3 += q[i + 3] * data[off + i + 3];
        }
        return s0 + s1 + s2 + s3;
    }
}
