package com.aiagents.platform.common.feedback;

import com.aiagents.platform.api.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs (enhancement-worker) and verifies (webhook-gateway) the token of a feedback link
 * (docs/feedback.md): {@code v1.<payload>.<mac>}, both base64url without padding, where the payload is
 * {@code tenant_id|enhancement_id|vote|expires_epoch_seconds} and the mac is HMAC-SHA256 of
 * {@code v1.<payload>} under the platform's feedback signing key. That key is its own secret, held only
 * by the worker and the gateway: never a tenant's webhook secret, which SDP and the tenant's admins know
 * and which would let them mint votes. During a rotation the gateway also accepts the previous key.
 * Every key is tried and compared in constant time, so timing does not tell which one matched.
 */
public final class FeedbackTokens {
    /** 32 bytes: HMAC-SHA256's own output size, below which the key is the weakest part. */
    public static final int MIN_KEY_BYTES = 32;
    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** Far longer than any real token (a 50-character tenant id, a long id); refused before any work. */
    private static final int MAX_TOKEN_CHARS = 512;

    private final List<byte[]> keys;
    private final Clock clock;

    /** {@code signingKey} signs and verifies; {@code previousKeys} (blank ones ignored) only verify. */
    public FeedbackTokens(String signingKey, List<String> previousKeys, Clock clock) {
        this.keys = new ArrayList<>();
        this.keys.add(checkedKey(signingKey));
        for (String previous : previousKeys) {
            if (previous != null && !previous.isBlank()) {
                this.keys.add(checkedKey(previous));
            }
        }
        this.clock = clock;
    }

    private static byte[] checkedKey(String key) {
        byte[] bytes = key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_KEY_BYTES) {
            // never the key itself in the message
            throw new IllegalArgumentException("the feedback signing key must be at least " + MIN_KEY_BYTES
                    + " bytes (e.g. openssl rand -base64 48)");
        }
        return bytes;
    }

    public String sign(FeedbackClaim claim) {
        String payload = ENCODER.encodeToString((claim.tenantId() + "|" + claim.enhancementId() + "|"
                + claim.vote().wireName() + "|" + claim.expiresAt().getEpochSecond()).getBytes(StandardCharsets.UTF_8));
        String signed = VERSION + "." + payload;
        return signed + "." + ENCODER.encodeToString(mac(keys.get(0), signed.getBytes(StandardCharsets.UTF_8)));
    }

    /** The claim of a token signed with one of the keys and not yet expired. */
    public FeedbackClaim verify(String token) throws FeedbackTokenException {
        if (token == null || token.length() > MAX_TOKEN_CHARS) {
            throw malformed();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw malformed();
        }
        byte[] presented;
        byte[] payload;
        try {
            presented = DECODER.decode(parts[2]);
            payload = DECODER.decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        // base64's last character carries spare bits a lenient decoder ignores: only the canonical form
        // counts, so no second spelling of a token verifies
        if (!ENCODER.encodeToString(presented).equals(parts[2]) || !ENCODER.encodeToString(payload).equals(parts[1])) {
            throw malformed();
        }
        byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (byte[] key : keys) {
            matched |= MessageDigest.isEqual(mac(key, signed), presented);
        }
        if (!matched) {
            throw new FeedbackTokenException(FeedbackTokenException.Reason.BAD_SIGNATURE,
                    "This feedback link is not valid: it was not issued by this platform or it was changed.");
        }
        FeedbackClaim claim = parse(new String(payload, StandardCharsets.UTF_8));
        if (!clock.instant().isBefore(claim.expiresAt())) {
            throw new FeedbackTokenException(FeedbackTokenException.Reason.EXPIRED,
                    "This feedback link has expired.");
        }
        return claim;
    }

    /** Only reached with a valid signature, so a malformed payload here is our own bug, still refused. */
    private static FeedbackClaim parse(String payload) throws FeedbackTokenException {
        String[] fields = payload.split("\\|", -1);
        if (fields.length != 4 || !TenantId.isValid(fields[0])) {
            throw malformed();
        }
        try {
            long enhancementId = Long.parseLong(fields[1]);
            FeedbackVote vote = FeedbackVote.fromWire(fields[2]).orElseThrow(FeedbackTokens::malformed);
            return new FeedbackClaim(fields[0], enhancementId, vote, Instant.ofEpochSecond(Long.parseLong(fields[3])));
        } catch (NumberFormatException e) {
            throw malformed();
        }
    }

    private static FeedbackTokenException malformed() {
        return new FeedbackTokenException(FeedbackTokenException.Reason.MALFORMED,
                "This feedback link is not valid: it is incomplete or damaged.");
    }

    private static byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
