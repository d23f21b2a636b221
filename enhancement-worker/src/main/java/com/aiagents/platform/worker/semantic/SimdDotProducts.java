package com.aiagents.platform.worker.semantic;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DotProducts} with the Vector API: bytes widened to shorts (a product of two int8 fits in
 * a short), multiplied lane by lane, widened to ints and summed. Loaded only when the module is
 * present ({@link DotProducts#simdAvailable()}), so a JVM without it never resolves these classes.
 */
final class SimdDotProducts extends DotProducts {
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    /**
     * Only with vectors of at least 256 bits (AVX2, AVX-512): each int lane takes one byte, and
     * no vector shape is narrower than 64 bits; on a narrower machine the scalar loop runs.
     */
    private static final boolean SUPPORTED = INTS.length() >= 8 && D % INTS.length() == 0;
    /** As many bytes as the preferred int vector has lanes: each widens to one int lane. */
    private static final VectorSpecies<Byte> BYTES = SUPPORTED
            ? VectorSpecies.of(byte.class, VectorShape.forBitSize(INTS.length() * 8)) : null;
    private static final VectorSpecies<Short> SHORTS = SUPPORTED
            ? VectorSpecies.of(short.class, VectorShape.forBitSize(INTS.length() * 16)) : null;
    private static final int STEP = INTS.length();

    private SimdDotProducts() {
    }

    /** The SIMD kernel, or {@code null} where this machine's vectors are too narrow for it. */
    static DotProducts ifSupported() {
        return SUPPORTED ? new SimdDotProducts() : null;
    }

    @Override
    void dots(byte[] q, byte[] data, int from, int rows, int[] out) {
        for (int r = 0; r < rows; r++) {
            int off = (from + r) * D;
            IntVector acc = IntVector.zero(INTS);
            for (int i = 0; i < D; i += STEP) {
                ShortVector a = (ShortVector) ByteVector.fromArray(BYTES, q, i).convertShape(VectorOperators.B2S, SHORTS, 0);
                ShortVector b = (ShortVector) ByteVector.fromArray(BYTES, data, off + i).convertShape(VectorOperators.B2S, SHORTS, 0);
                acc = acc.add(a.mul(b).convertShape(VectorOperators.S2I, INTS, 0));
            }
            out[r] = acc.reduceLanes(VectorOperators.ADD);
        }
    }

    @Override
    String name() {
        return "simd-" + INTS.vectorBitSize() + "bit";
    }
}
