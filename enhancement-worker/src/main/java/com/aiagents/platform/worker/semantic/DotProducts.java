package com.aiagents.platform.worker.semantic;

/**
 * The inner loop of an exact scan: the int8 dot products of one query with a run of consecutive
 * matrix rows. Two implementations, chosen once per process: {@link SimdDotProducts} (the JDK's
 * Vector API, when the JVM runs with {@code --add-modules=jdk.incubator.vector}: about ten times
 * faster, since Java 17's JIT does not vectorize a byte-to-int multiply-add by itself) and the
 * portable scalar loop here, which scores four rows per pass over the query.
 */
abstract class DotProducts {
    static final int D = SentenceEmbedder.DIMENSIONS;

    /** The fastest implementation this JVM can run. */
    static final DotProducts BEST = best();
    /** The portable loop, whatever the JVM (the benchmark's baseline, and the tests' reference). */
    static final DotProducts SCALAR = new Scalar();

    /** {@code out[i]} = the dot product of {@code q} with row {@code from + i}, for {@code i < rows}. */
    abstract void dots(byte[] q, byte[] data, int from, int rows, int[] out);

    /** A short name for logs and benchmark reports. */
    abstract String name();

    private static DotProducts best() {
        if (!simdAvailable()) {
            return new Scalar();
        }
        try {
            DotProducts simd = SimdDotProducts.ifSupported();
            return simd != null ? simd : new Scalar();
        } catch (LinkageError | RuntimeException e) {
            return new Scalar(); // the module is there but its classes do not run here: the portable loop
        }
    }

    static boolean simdAvailable() {
        if (Boolean.getBoolean("worker.vectors.scalar")) {
            return false;
        }
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    static int dot(byte[] q, byte[] data, int off) {
        int s = 0;
        for (int i = 0; i < D; i++) {
            s += q[i] * data[off + i];
        }
        return s;
    }

    private static final class Scalar extends DotProducts {
        @Override
        void dots(byte[] q, byte[] data, int from, int rows, int[] out) {
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                // four rows per pass: each query byte is loaded once for four multiply-adds
                int o0 = (from + r) * D;
                int o1 = o0 + D;
                int o2 = o1 + D;
                int o3 = o2 + D;
                int s0 = 0;
                int s1 = 0;
                int s2 = 0;
                int s3 = 0;
                for (int i = 0; i < D; i++) {
                    int qi = q[i];
                    s0 += qi * data[o0 + i];
                    s1 += qi * data[o1 + i];
                    s2 += qi * data[o2 + i];
                    s3 += qi * data[o3 + i];
                }
                out[r] = s0;
                out[r + 1] = s1;
                out[r + 2] = s2;
                out[r + 3] = s3;
            }
            for (; r < rows; r++) {
                out[r] = dot(q, data, (from + r) * D);
            }
        }

        @Override
        String name() {
            return "scalar";
        }
    }
}
