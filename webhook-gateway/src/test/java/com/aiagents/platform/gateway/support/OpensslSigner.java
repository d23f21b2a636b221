package com.aiagents.platform.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Signs a payload the way the runbook does:
 * {@code echo -n "$PAYLOAD" | openssl dgst -sha256 -hmac "$SECRET" | awk '{print $2}'}.
 * Runs the real openssl so the test proves compatibility with it, not with our own code.
 */
public final class OpensslSigner {
    public static final Path OPENSSL = Path.of("/usr/bin/openssl");

    private OpensslSigner() {
    }

    public static boolean available() {
        return Files.isExecutable(OPENSSL);
    }

    public static String sign(String secret, byte[] payload) {
        try {
            Process process = new ProcessBuilder(List.of(OPENSSL.toString(), "dgst", "-sha256", "-hmac", secret))
                    .redirectErrorStream(true).start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(payload);
            }
            String output;
            try (InputStream stdout = process.getInputStream()) {
                output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("openssl failed: " + output);
            }
            // "HMAC-SHA2-256(stdin)= <hex>" (or "(stdin)= <hex>"): awk '{print $2}'
            String[] fields = output.split("\\s+");
            return fields[1];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
