package com.aiagents.platform.common.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts secrets at rest (SDP credentials, webhook secrets) with AES-256-GCM.
 *
 * <p>A ciphertext reads {@code v<keyVersion>:<base64url(iv || ciphertext+tag)>}: the key version
 * says which key decrypts it, so keys can rotate. The associated data binds a ciphertext to where it
 * is stored (e.g. {@code tenant_configs:acme-corp:servicedesk_credentials}): copied to another row, it
 * no longer decrypts.
 */
public final class SecretCipher {
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern FORMAT = Pattern.compile("v([1-9][0-9]{0,8}):([A-Za-z0-9_-]+={0,2})");

    private final EncryptionKeys keys;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(EncryptionKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    public String encrypt(String plaintext, String associatedData) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, keys.currentKey(), iv, associatedData,
                plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] ivAndSealed = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        return "v" + keys.currentVersion() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(ivAndSealed);
    }

    public String decrypt(String ciphertext, String associatedData) {
        Parsed parsed = parse(ciphertext);
        SecretKey key = keys.key(parsed.version()).orElseThrow(() -> new SecretCipherException(
                "ciphertext was encrypted with unknown key version " + parsed.version()));
        byte[] plaintext = run(Cipher.DECRYPT_MODE, key, parsed.iv(), associatedData, parsed.sealed());
        return new String(plaintext, StandardCharsets.UTF_8);
    }

    /** True when the ciphertext was written with a key other than the current one. */
    public boolean needsReencryption(String ciphertext) {
        return parse(ciphertext).version() != keys.currentVersion();
    }

    /** The same secret under the current key (a new IV each time); already current ciphertexts come back as they are. */
    public String reencrypt(String ciphertext, String associatedData) {
        return needsReencryption(ciphertext) ? encrypt(decrypt(ciphertext, associatedData), associatedData) : ciphertext;
    }

    private static byte[] run(int mode, SecretKey key, byte[] iv, String associatedData, byte[] input) {
        Objects.requireNonNull(associatedData, "associatedData");
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new SecretCipherException("authentication failed: ciphertext or associated data was altered");
        } catch (GeneralSecurityException e) {
            // JCE messages describe parameters, not data; keep only the exception type to be safe
            throw new SecretCipherException("AES-GCM " + (mode == Cipher.ENCRYPT_MODE ? "encryption" : "decryption")
                    + " failed: " + e.getClass().getSimpleName());
        }
    }

    private record Parsed(int version, byte[] iv, byte[] sealed) {
    }

    private static Parsed parse(String ciphertext) {
        Matcher matcher = FORMAT.matcher(Objects.requireNonNull(ciphertext, "ciphertext"));
        if (!matcher.matches()) {
            throw new SecretCipherException("ciphertext is not of the form v<keyVersion>:<base64url>");
        }
        byte[] ivAndSealed;
        try {
            ivAndSealed = Base64.getUrlDecoder().decode(matcher.group(2));
        } catch (IllegalArgumentException e) {
            throw new SecretCipherException("ciphertext is not valid base64url");
        }
        if (ivAndSealed.length < IV_BYTES + TAG_BITS / 8) {
            throw new SecretCipherException("ciphertext is too short to hold an IV and a tag");
        }
        byte[] iv = new byte[IV_BYTES];
        byte[] sealed = new byte[ivAndSealed.length - IV_BYTES];
        ByteBuffer.wrap(ivAndSealed).get(iv).get(sealed);
        return new Parsed(Integer.parseInt(matcher.group(1)), iv, sealed);
    }
}
