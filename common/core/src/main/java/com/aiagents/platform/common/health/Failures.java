package com.aiagents.platform.common.health;

/**
 * Names a failure by exception types only: driver messages can carry a connection URL, and a URL can
 * carry a password, while the health check output is served on the admin port.
 */
final class Failures {
    private Failures() {
    }

    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String type = failure.getClass().getSimpleName();
        return root == failure ? type : type + " (" + root.getClass().getSimpleName() + ")";
    }
}
