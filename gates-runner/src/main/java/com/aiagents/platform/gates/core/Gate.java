package com.aiagents.platform.gates.core;

/**
 * One onboarding gate. A gate proves one property of a tenant's set-up and, when it fails, says
 * exactly what and where in its {@link GateOutcome#summary()} and details. Gates never put a secret
 * into either.
 */
public interface Gate {
    /** 1..4, as numbered in the report. */
    int number();

    /** The name printed in the report, e.g. {@code RLS Harness}. */
    String name();

    /**
     * Runs the gate. A thrown exception fails the gate with the exception's type (and message for
     * the platform's own exceptions, whose messages carry no secret).
     */
    GateOutcome run(GateContext context) throws Exception;
}
