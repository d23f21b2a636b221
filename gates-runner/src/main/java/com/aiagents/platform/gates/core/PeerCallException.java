package com.aiagents.platform.gates.core;

/** A call to another service could not be made or was refused; the message carries no secret. */
public class PeerCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PeerCallException(String message) {
        super(message);
    }

    public PeerCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
