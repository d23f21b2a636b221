package com.aiagents.platform.common.crypto;

/**
 * A secret could not be encrypted or decrypted, or the keys are misconfigured. The message says
 * what went wrong and never contains a plaintext, a key or a ciphertext.
 */
public class SecretCipherException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecretCipherException(String message) {
        super(message);
    }

    public SecretCipherException(String message, Throwable cause) {
        super(message, cause);
    }
}
