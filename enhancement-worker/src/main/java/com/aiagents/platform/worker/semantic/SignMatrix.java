package com.aiagents.platform.worker.semantic;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * One tenant's ticket vectors reduced to the signs of their 384 components: 48 bytes a row (six
 * {@code long}s), an eighth of the int8 matrix. What a worker keeps in memory per tenant and
 * what a cold load reads from {@code vector_packs} (V23) in a few large rows. It only nominates:
 * {@link #candidates} returns the rows whose signs agree most with the query's (Hamming distance,
 * {@link Long#bitCount}), and those are then ranked exactly by their full vectors, read from
 * PostgreSQL by id ({@link TenantVectors#ticketCandidates}). Scans share a read lock; adding,
 * replacing or removing a row takes the write lock.
 */
public final class SignMatrix implements StoredRows {
    static final int WORDS = SentenceEmbedder.DIMENSIONS / 64;
    /** Bytes of one row's signs in a pack. */
    public static final int ROW_BYTES = WORDS * 8;
    /**
     * What one row weighs on the heap beyond its signs: the id string and its array slot, and the
     * id-to-row map entry a catch-up builds (the same estimate as {@link VectorMatrix}'s).
     */
    private static final int ROW_OVERHEAD = 120;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Built on the first change by id (a catch-up), not by a load: a cold load stays two array copies. */
    private Map<String, Integer> rowOf;
    private String[] ids;
    private long[] bits;
    private int size;

    public SignMatrix(int capacity) {
        int c = Math.max(16, capacity);
        ids = new String[c];
        bits = new long[c * WORDS];
    }

    /** The sign bits of a vector's components (bit i of word i / 64: component i is positive). */
    static long[] signsOf(byte[] values, int offset) {
        long[] out = new long[WORDS];
        for (int i = 0; i < SentenceEmbedder.DIMENSIONS; i++) {
            if (values[offset + i] > 0) {
                out[i >>> 6] |= 1L << (i & 63);
            }
        }
        return out;
    }

    public void put(String id, QuantizedVector v) {
        set(id, signsOf(v.values(), 0));
    }

    /** A row from its stored embedding (the scale, then the 384 bytes: {@link QuantizedVector#toBytes()}). */
    @Override
    public void putStored(String id, byte[] stored) {
        if (stored == null || stored.length != QuantizedVector.BYTES) {
            throw new IllegalArgumentException("an embedding is " + QuantizedVector.BYTES + " bytes");
        }
        set(id, signsOf(stored, 4));
    }

    private void set(String id, long[] signs) {
        lock.writeLock().lock();
        try {
            Integer row = map().get(id);
            if (row == null) {
                row = append(id);
                rowOf.put(id, row);
            }
            System.arraycopy(signs, 0, bits, row * WORDS, WORDS);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private int append(String id) {
        if (size == ids.length) {
            int c = ids.length + (ids.length >> 1);
            ids = Arrays.copyOf(ids, c);
            bits = Arrays.copyOf(bits, c * WORDS);
        }
        ids[size] = id;
        return size++;
    }

    /** The id-to-row map, built on first use (under the write lock). */
    private Map<String, Integer> map() {
        if (rowOf == null) {
            rowOf = new HashMap<>(ids.length + ids.length / 3 + 1);
            for (int r = 0; r < size; r++) {
                rowOf.put(ids[r], r);
            }
        }
        return rowOf;
    }

    public void remove(String id) {
        lock.writeLock().lock();
        try {
            Integer row = map().remove(id);
            if (row == null) {
                return;
            }
            int last = --size;
            if (row != last) {
                ids[row] = ids[last];
                System.arraycopy(bits, last * WORDS, bits, row * WORDS, WORDS);
                rowOf.put(ids[row], row);
            }
            ids[last] = null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Gives back the spare capacity a load grew into, keeping a little for a catch-up's rows. */
    public void trim() {
        lock.writeLock().lock();
        try {
            int c = Math.max(16, size + Math.max(16, size >> 6));
            if (c < ids.length) {
                ids = Arrays.copyOf(ids, c);
                bits = Arrays.copyOf(bits, c * WORDS);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Bytes this matrix holds on the heap (capacity, as {@link VectorMatrix#weight()}). */
    public long weight() {
        lock.readLock().lock();
        try {
            return (long) ids.length * (ROW_BYTES + ROW_OVERHEAD);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The ids of the {@code r} rows whose signs differ least from the query's (ties: the earlier
     * row), {@code exclude} left out and only rows {@code eligible} accepts: every row is scored.
     */
    public List<String> candidates(QuantizedVector query, int r, String exclude, Predicate<String> eligible) {
        long[] q = signsOf(query.values(), 0);
        long q0 = q[0];
        long q1 = q[1];
        long q2 = q[2];
        long q3 = q[3];
        long q4 = q[4];
        long q5 = q[5];
        int k = Math.max(1, r);
        // a max-heap of (distance, row): the worst kept candidate at the root
        int[] dist = new int[k];
        int[] rows = new int[k];
        int n = 0;
        lock.readLock().lock();
        try {
            long[] b = bits;
            for (int row = 0, o = 0; row < size; row++, o += WORDS) {
                int d = Long.bitCount(b[o] ^ q0) + Long.bitCount(b[o + 1] ^ q1) + Long.bitCount(b[o + 2] ^ q2)
                        + Long.bitCount(b[o + 3] ^ q3) + Long.bitCount(b[o + 4] ^ q4) + Long.bitCount(b[o + 5] ^ q5);
                if (n == k && d >= dist[0]) {
                    continue;
                }
                String id = ids[row];
                if ((exclude != null && exclude.equals(id)) || !eligible.test(id)) {
                    continue;
                }
                if (n < k) {
                    int at = n++;
                    while (at > 0 && dist[(at - 1) >>> 1] < d) {
                        int parent = (at - 1) >>> 1;
                        dist[at] = dist[parent];
                        rows[at] = rows[parent];
                        at = parent;
                    }
                    dist[at] = d;
                    rows[at] = row;
                } else {
                    int at = 0;
                    for (int child = 1; child < n; child = 2 * at + 1) {
                        if (child + 1 < n && dist[child + 1] > dist[child]) {
                            child++;
                        }
                        if (dist[child] <= d) {
                            break;
                        }
                        dist[at] = dist[child];
                        rows[at] = rows[child];
                        at = child;
                    }
                    dist[at] = d;
                    rows[at] = row;
                }
            }
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(ids[rows[i]]);
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The rows in pack chunks of {@code rowsPerChunk}: each chunk's ids and its signs. */
    public List<Chunk> chunks(int rowsPerChunk) {
        lock.readLock().lock();
        try {
            List<Chunk> out = new ArrayList<>();
            for (int from = 0; from < size; from += rowsPerChunk) {
                int n = Math.min(rowsPerChunk, size - from);
                int idBytes = 0;
                byte[][] utf8 = new byte[n][];
                for (int i = 0; i < n; i++) {
                    utf8[i] = ids[from + i].getBytes(StandardCharsets.UTF_8);
                    idBytes += 2 + utf8[i].length;
                }
                ByteBuffer idBuf = ByteBuffer.allocate(idBytes);
                for (byte[] u : utf8) {
                    idBuf.putShort((short) u.length).put(u);
                }
                ByteBuffer signBuf = ByteBuffer.allocate(n * ROW_BYTES);
                for (int i = 0; i < n * WORDS; i++) {
                    signBuf.putLong(bits[from * WORDS + i]);
                }
                out.add(new Chunk(n, idBuf.array(), signBuf.array()));
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Appends a chunk read from a pack (its rows are new to this matrix: a load, before any change by id). */
    public void addChunk(Chunk chunk) {
        if (chunk.signs().length != chunk.rows() * ROW_BYTES) {
            throw new IllegalArgumentException("a pack chunk of " + chunk.rows() + " rows has "
                    + chunk.signs().length + " bytes of signs");
        }
        lock.writeLock().lock();
        try {
            if (rowOf != null) {
                throw new IllegalStateException("chunks are added before any change by id");
            }
            if (size + chunk.rows() > ids.length) {
                int c = size + chunk.rows();
                ids = Arrays.copyOf(ids, c);
                bits = Arrays.copyOf(bits, c * WORDS);
            }
            ByteBuffer idBuf = ByteBuffer.wrap(chunk.ids());
            ByteBuffer signBuf = ByteBuffer.wrap(chunk.signs());
            for (int i = 0; i < chunk.rows(); i++) {
                int length = idBuf.getShort() & 0xffff;
                ids[size + i] = new String(chunk.ids(), idBuf.position(), length, StandardCharsets.UTF_8);
                idBuf.position(idBuf.position() + length);
            }
            signBuf.asLongBuffer().get(bits, size * WORDS, chunk.rows() * WORDS);
            size += chunk.rows();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** One stored chunk of a pack: its row count, the ids (length-prefixed UTF-8), the signs (48 bytes a row). */
    public record Chunk(int rows, byte[] ids, byte[] signs) {
    }
}
