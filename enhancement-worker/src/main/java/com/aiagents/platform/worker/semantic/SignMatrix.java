package com.aiagents.platform.worker.semantic;

import com.aiagents.platform.worker.db.EmbeddingDao;
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
 * PostgreSQL by id ({@link TenantVectors#ticketCandidates}). A loaded row's id stays in the
 * pack's bytes (a length-prefixed UTF-8 string) and is decoded only when the row is nominated: a
 * cold load of 100,000 rows makes no String, and a catch-up ({@link #apply}) finds its rows by
 * their stored bytes. Scans share a read lock; adding, replacing or removing a row takes the write
 * lock.
 */
public final class SignMatrix implements StoredRows {
    static final int WORDS = SentenceEmbedder.DIMENSIONS / 64;
    /** Bytes of one row's signs in a pack. */
    public static final int ROW_BYTES = WORDS * 8;
    /** What one row weighs beyond its signs and its id's bytes: its two slots (a String, an offset). */
    private static final int ROW_SLOTS = 8;
    /**
     * What one row weighs once the id-to-row map is built (rows set by id one at a time: a
     * rebuild, a load without a pack): the id string and the map entry (as {@link VectorMatrix}'s).
     */
    private static final int MAPPED_ROW_OVERHEAD = 120;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Built by the first {@link #put} or {@link #remove}; never for a pack's rows ({@link #addChunk}, {@link #apply}). */
    private Map<String, Integer> rowOf;
    /** A row's id when it was set by id; {@code null} for a loaded row, whose id is in {@link #packedIds}. */
    private String[] ids;
    /** Where a loaded row's id is in {@link #packedIds} (its 2-byte length, then its UTF-8 bytes). */
    private int[] idAt;
    /** The ids of the chunks a load added, as stored (length-prefixed UTF-8), one after the other. */
    private byte[] packedIds;
    private int packedLength;
    private long[] bits;
    private int size;

    public SignMatrix(int capacity) {
        this(capacity, 0);
    }

    /** Room for {@code capacity} rows and {@code idBytes} bytes of stored ids (a pack's, read whole). */
    public SignMatrix(int capacity, int idBytes) {
        int c = Math.max(16, capacity);
        ids = new String[c];
        idAt = new int[c];
        bits = new long[c * WORDS];
        packedIds = new byte[idBytes];
    }

    /** The spare rows a load leaves for a catch-up's additions (so the first one does not grow the arrays by half). */
    public static int slack(int rows) {
        return Math.max(16, rows >> 6);
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
            resize(ids.length + (ids.length >> 1));
        }
        ids[size] = id;
        return size++;
    }

    private void resize(int capacity) {
        ids = Arrays.copyOf(ids, capacity);
        idAt = Arrays.copyOf(idAt, capacity);
        bits = Arrays.copyOf(bits, capacity * WORDS);
    }

    /** The id of a row (under either lock): set by id, or decoded from the pack's bytes. */
    private String id(int row) {
        String id = ids[row];
        if (id != null) {
            return id;
        }
        int at = idAt[row];
        return new String(packedIds, at + 2, (packedIds[at] & 0xff) << 8 | packedIds[at + 1] & 0xff, StandardCharsets.UTF_8);
    }

    /** The id-to-row map, built on first use (under the write lock). */
    private Map<String, Integer> map() {
        if (rowOf == null) {
            rowOf = new HashMap<>(ids.length + ids.length / 3 + 1);
            for (int r = 0; r < size; r++) {
                rowOf.put(id(r), r);
            }
        }
        return rowOf;
    }

    /**
     * A catch-up's changed rows, in one call: each searchable one added or replaced, each other one
     * removed. They are found by one pass over the stored ids (hashed and compared as bytes, no
     * String made: ~1 ms per 100,000 rows), so a tenant loaded from its pack never builds the
     * id-to-row map (about 120 bytes a row) however many rows change.
     */
    public void apply(List<EmbeddingDao.Changed> changed) {
        if (changed.isEmpty()) {
            return;
        }
        lock.writeLock().lock();
        try {
            if (rowOf != null) { // filled by id (a rebuild, or a load without a pack): the map is there
                for (EmbeddingDao.Changed c : changed) {
                    if (c.searchable()) {
                        put(c.id(), c.vector());
                    } else {
                        remove(c.id());
                    }
                }
                return;
            }
            int[] rows = locate(changed);
            // the changes still to apply, by row: a removal moves the last row, and a later change of it must follow
            Map<Integer, Integer> pending = new HashMap<>(2 * rows.length);
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] >= 0) {
                    pending.put(rows[i], i);
                }
            }
            for (int i = 0; i < changed.size(); i++) {
                EmbeddingDao.Changed c = changed.get(i);
                int row = rows[i];
                if (row >= 0) {
                    pending.remove(row, i);
                }
                if (c.searchable()) {
                    System.arraycopy(signsOf(c.vector().values(), 0), 0, bits, (row < 0 ? append(c.id()) : row) * WORDS, WORDS);
                } else if (row >= 0) {
                    int last = --size;
                    if (row != last) {
                        ids[row] = ids[last];
                        idAt[row] = idAt[last];
                        System.arraycopy(bits, last * WORDS, bits, row * WORDS, WORDS);
                        Integer moved = pending.remove(last);
                        if (moved != null) {
                            rows[moved] = row; // a later change of the row just moved
                            pending.put(row, moved);
                        }
                    }
                    ids[last] = null;
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The rows of the changed ids (-1: not here), by one pass over every row's id; under the write
     * lock. The changed ids' UTF-8 bytes go into a small open-addressing table by hash, so each
     * row costs a hash of its stored bytes and a probe, however many ids changed.
     */
    private int[] locate(List<EmbeddingDao.Changed> changed) {
        int n = changed.size();
        int[] rows = new int[n];
        Arrays.fill(rows, -1);
        byte[][] keys = new byte[n][];
        Map<String, Integer> byString = new HashMap<>(2 * n);
        int mask = Integer.highestOneBit(Math.max(2, 2 * n)) * 2 - 1;
        int[] slots = new int[mask + 1]; // key index + 1, 0 empty
        for (int k = 0; k < n; k++) {
            keys[k] = changed.get(k).id().getBytes(StandardCharsets.UTF_8);
            byString.put(changed.get(k).id(), k);
            int slot = mix(hash(keys[k], 0, keys[k].length)) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = k + 1;
        }
        for (int row = 0; row < size; row++) {
            String id = ids[row];
            if (id != null) {
                Integer k = byString.get(id);
                if (k != null) {
                    rows[k] = row;
                }
                continue;
            }
            int at = idAt[row] + 2;
            int length = (packedIds[at - 2] & 0xff) << 8 | packedIds[at - 1] & 0xff;
            for (int slot = mix(hash(packedIds, at, length)) & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
                byte[] key = keys[slots[slot] - 1];
                if (key.length == length && Arrays.equals(packedIds, at, at + length, key, 0, length)) {
                    rows[slots[slot] - 1] = row;
                    break;
                }
            }
        }
        return rows;
    }

    private static int hash(byte[] bytes, int from, int length) {
        int h = 1;
        for (int i = from; i < from + length; i++) {
            h = 31 * h + bytes[i];
        }
        return h;
    }

    private static int mix(int h) {
        return h ^ (h >>> 16) ^ (h >>> 7);
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
                idAt[row] = idAt[last];
                System.arraycopy(bits, last * WORDS, bits, row * WORDS, WORDS);
                rowOf.put(id(row), row);
            }
            ids[last] = null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Gives back the spare capacity a load grew into, keeping {@link #slack} rows for a catch-up's
     * additions (a matrix sized for its pack with that slack, as a load makes it, is not copied).
     */
    public void trim() {
        lock.writeLock().lock();
        try {
            int c = Math.max(16, size + slack(size));
            if (ids.length - c > slack(size)) {
                resize(c);
            }
            if (packedIds.length > packedLength) {
                packedIds = Arrays.copyOf(packedIds, packedLength);
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

    /**
     * Bytes this matrix holds on the heap (capacity, as {@link VectorMatrix#weight()}): the signs,
     * the ids' slots and stored bytes, and, once {@link #put} or {@link #remove} built it, the
     * id-to-row map with its decoded ids.
     */
    public long weight() {
        lock.readLock().lock();
        try {
            return (long) ids.length * (ROW_BYTES + ROW_SLOTS + (rowOf == null ? 0 : MAPPED_ROW_OVERHEAD))
                    + packedIds.length;
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
                String id = id(row);
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
                out.add(id(rows[i]));
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
                    utf8[i] = id(from + i).getBytes(StandardCharsets.UTF_8);
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

    /**
     * Appends a chunk read from a pack (its rows are new to this matrix: a load, before any change
     * by id). Its ids are kept as stored; each row only records where its id starts.
     */
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
                resize(size + chunk.rows());
            }
            byte[] idBytes = chunk.ids();
            int end = packedLength + idBytes.length;
            if (end > packedIds.length) {
                packedIds = Arrays.copyOf(packedIds, Math.max(end, packedIds.length + (packedIds.length >> 1)));
            }
            System.arraycopy(idBytes, 0, packedIds, packedLength, idBytes.length);
            int at = packedLength;
            for (int i = 0; i < chunk.rows(); i++) {
                if (at + 2 > end) {
                    throw new IllegalArgumentException("a pack chunk of " + chunk.rows() + " rows has ids for " + i);
                }
                idAt[size + i] = at;
                at += 2 + ((packedIds[at] & 0xff) << 8 | packedIds[at + 1] & 0xff);
            }
            if (at != end) {
                throw new IllegalArgumentException("a pack chunk's ids do not end with its " + chunk.rows() + " rows");
            }
            packedLength = end;
            ByteBuffer.wrap(chunk.signs()).asLongBuffer().get(bits, size * WORDS, chunk.rows() * WORDS);
            size += chunk.rows();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** One stored chunk of a pack: its row count, the ids (length-prefixed UTF-8), the signs (48 bytes a row). */
    public record Chunk(int rows, byte[] ids, byte[] signs) {
    }
}
