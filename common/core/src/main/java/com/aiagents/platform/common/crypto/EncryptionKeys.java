package com.aiagents.platform.common.crypto;

import com.aiagents.platform.common.config.PlatformConfigs;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys secrets are encrypted with: the current key, used for every new ciphertext, and
 * previous keys, kept only to decrypt what was written before a rotation.
 */
public final class EncryptionKeys {
    public static final String KEY_VARIABLE = "TENANT_ENCRYPTION_KEY";
    public static final String VERSION_VARIABLE = "TENANT_ENCRYPTION_KEY_VERSION";
    public static final String PREVIOUS_VARIABLE = "TENANT_ENCRYPTION_PREVIOUS_KEYS";
    private static final int KEY_BYTES = 32;

    private final int currentVersion;
    private final Map<Integer, SecretKey> keys;

    private EncryptionKeys(int currentVersion, Map<Integer, SecretKey> keys) {
        this.currentVersion = currentVersion;
        this.keys = Map.copyOf(keys);
    }

    public static EncryptionKeys of(int currentVersion, byte[] currentKey, Map<Integer, byte[]> previous) {
        Map<Integer, SecretKey> keys = new HashMap<>();
        keys.put(checkVersion(currentVersion), aesKey(currentKey, KEY_VARIABLE));
        previous.forEach((version, key) -> {
            if (checkVersion(version) == currentVersion) {
                throw new SecretCipherException("previous key version " + version + " is also the current key version");
            }
            keys.put(version, aesKey(key, PREVIOUS_VARIABLE + " version " + version));
        });
        return new EncryptionKeys(currentVersion, keys);
    }

    /** Reads {@code TENANT_ENCRYPTION_KEY}, {@code TENANT_ENCRYPTION_KEY_VERSION} (default 1), {@code TENANT_ENCRYPTION_PREVIOUS_KEYS}. */
    public static EncryptionKeys fromEnvironment(Map<String, String> environment) {
        return parse(environment.get(KEY_VARIABLE), environment.get(VERSION_VARIABLE), environment.get(PREVIOUS_VARIABLE));
    }

    /** The same rules for values that came from YAML ({@link EncryptionConfig}) as for the environment. */
    static EncryptionKeys parse(String key, String version, String previousKeys) {
        if (PlatformConfigs.isUnset(key)) {
            throw new SecretCipherException(KEY_VARIABLE + " is not set; it must be the base64 of 32 random bytes");
        }
        int currentVersion = PlatformConfigs.isUnset(version) ? 1 : parseVersion(version, VERSION_VARIABLE);
        byte[] currentKey = decode(key, KEY_VARIABLE);
        Map<Integer, byte[]> previous = new HashMap<>();
        if (!PlatformConfigs.isUnset(previousKeys)) {
            String[] entries = previousKeys.split(",");
            for (int i = 0; i < entries.length; i++) {
                String entry = entries[i].trim();
                int colon = entry.indexOf(':');
                if (colon <= 0) {
                    throw new SecretCipherException(PREVIOUS_VARIABLE + " entry " + (i + 1)
                            + " is not of the form <version>:<base64 key>");
                }
                int previousVersion = parseVersion(entry.substring(0, colon), PREVIOUS_VARIABLE + " entry " + (i + 1));
                if (previous.put(previousVersion, decode(entry.substring(colon + 1), PREVIOUS_VARIABLE
                        + " version " + previousVersion)) != null) {
                    throw new SecretCipherException(PREVIOUS_VARIABLE + " names version " + previousVersion + " twice");
                }
            }
        }
        try {
            return of(currentVersion, currentKey, previous);
        } finally {
            // the decoded copies are ours: do not leave key bytes lying around the heap longer than needed
            Arrays.fill(currentKey, (byte) 0);
            previous.values().forEach(bytes -> Arrays.fill(bytes, (byte) 0));
        }
    }

    public int currentVersion() {
        return currentVersion;
    }

    SecretKey currentKey() {
        return keys.get(currentVersion);
    }

    Optional<SecretKey> key(int version) {
        return Optional.ofNullable(keys.get(version));
    }

    private static int checkVersion(int version) {
        if (version < 1) {
            throw new SecretCipherException("key versions start at 1, not " + version);
        }
        return version;
    }

    private static int parseVersion(String text, String what) {
        try {
            return checkVersion(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            throw new SecretCipherException(what + ": the key version must be a whole number");
        }
    }

    /** Standard or URL-safe base64 ({@code openssl rand -base64 32} gives the former). */
    private static byte[] decode(String base64, String what) {
        String trimmed = base64.trim();
        try {
            return Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException notStandard) {
            try {
                return Base64.getUrlDecoder().decode(trimmed);
            } catch (IllegalArgumentException notUrlSafe) {
                throw new SecretCipherException(what + " is not valid base64");
            }
        }
    }

    private static SecretKey aesKey(byte[] key, String what) {
        if (key == null || key.length != KEY_BYTES) {
            throw new SecretCipherException(what + " must be exactly 32 bytes (AES-256), not "
                    + (key == null ? 0 : key.length));
        }
        return new SecretKeySpec(key, "AES"); // copies the bytes
    }
}
