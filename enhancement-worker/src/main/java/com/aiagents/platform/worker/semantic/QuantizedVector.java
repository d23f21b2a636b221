package com.aiagents.platform.worker.semantic;

import java.nio.ByteBuffer;

/**
 * A unit vector in int8: component i is {@code values[i] * scale}. A quarter of float32's size
 * (388 bytes with the scale, in the database and in memory) for a cosine that differs from the
 * float one by well under 0.01, so ranking is unchanged in practice.
 */
public record QuantizedVector(float scale, byte[] values) {
    public static final int BYTES = 4 + SentenceEmbedder.DIMENSIONS;

    public static QuantizedVector of(float[] unit) {
        float max = 0f;
        for (float x : unit) {
            max = Math.max(max, Math.abs(x));
        }
        float scale = max == 0f ? 1f : max / 127f;
        byte[] q = new byte[unit.length];
        for (int i = 0; i < unit.length; i++) {
            q[i] = (byte) Math.round(unit[i] / scale);
        }
        return new QuantizedVector(scale, q);
    }

    /** The stored form: the scale (float32, big-endian), then the 384 bytes. */
    public byte[] toBytes() {
        return ByteBuffer.allocate(BYTES).putFloat(scale).put(values).array();
    }

    public static QuantizedVector fromBytes(byte[] stored) {
        if (stored == null || stored.length != BYTES) {
            throw new IllegalArgumentException("an embedding is " + BYTES + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(stored);
        float scale = b.getFloat();
        byte[] q = new byte[SentenceEmbedder.DIMENSIONS];
        b.get(q);
        return new QuantizedVector(scale, q);
    }

    /** The query side of a scan: the components as floats. */
    public float[] toFloats() {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] * scale;
        }
        return out;
    }
}
