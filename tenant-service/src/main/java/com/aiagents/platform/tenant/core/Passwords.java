package com.aiagents.platform.tenant.core;

import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Passwords are stored as Argon2id hashes (salted; 16 MiB, 2 iterations: Spring Security's
 * current defaults) and never kept or logged in clear. {@link #matchesNothing} spends the same time
 * as a real check, so an unknown e-mail address answers no faster than a wrong password.
 */
public final class Passwords {
    public static final int MIN_LENGTH = 12;
    /** Hashing is deliberately slow: an unbounded password would make it a denial of service. */
    public static final int MAX_LENGTH = 256;

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final String dummyHash;

    public Passwords() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.dummyHash = encoder.encode(Base64.getEncoder().encodeToString(random));
    }

    /** Why this password may not be set, or null when it may. Never repeats the password. */
    public static String problemWith(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "must be at least " + MIN_LENGTH + " characters";
        }
        if (password.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        if (password.isBlank()) {
            return "must not be only spaces";
        }
        return null;
    }

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        if (password == null || password.length() > MAX_LENGTH || hash == null || hash.isEmpty()) {
            matchesNothing(password);
            return false;
        }
        return encoder.matches(password, hash);
    }

    /** Costs what {@link #matches} costs, and is always false. */
    public boolean matchesNothing(String password) {
        String candidate = password == null || password.length() > MAX_LENGTH ? "" : password;
        encoder.matches(candidate, dummyHash);
        return false;
    }
}
