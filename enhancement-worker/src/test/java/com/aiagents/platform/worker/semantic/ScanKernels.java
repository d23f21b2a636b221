package com.aiagents.platform.worker.semantic;

import java.util.List;

/** For the vector benchmark (another package): the scan with a chosen kernel, to compare in one run. */
public final class ScanKernels {
    private ScanKernels() {
    }

    /** The kernel this JVM uses ({@code simd-512bit}, {@code scalar}, ...). */
    public static String best() {
        return DotProducts.BEST.name();
    }

    public static List<VectorMatrix.Scored> nearest(VectorMatrix matrix, QuantizedVector query, int k, boolean scalar) {
        return matrix.nearest(query, k, -1, null, id -> true, scalar ? DotProducts.SCALAR : DotProducts.BEST);
    }
}
