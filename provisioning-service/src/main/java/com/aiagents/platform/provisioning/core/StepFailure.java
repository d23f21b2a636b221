package com.aiagents.platform.provisioning.core;

/** A step could not complete; the message is shown in the step's {@code error} and never holds a secret. */
final class StepFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StepFailure(String message) {
        super(message, null, false, false);
    }
}
