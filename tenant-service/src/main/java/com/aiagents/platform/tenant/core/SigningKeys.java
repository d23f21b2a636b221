package com.aiagents.platform.tenant.core;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys tenant-service signs access tokens with (AUTH_SIGNING_KEYS, a JWK set of private EC
 * P-256 keys): the first key signs, every key is published ({@code GET /.well-known/jwks.json}) so
 * a token signed by a key being rotated in or out still verifies (docs/runbooks/key-rotation.md).
 * Without AUTH_SIGNING_KEYS a key is generated at start: fine for one local replica, wrong for
 * more (each would sign with its own key) and every restart signs everyone out. Error messages
 * never contain key material.
 */
public final class SigningKeys {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);

    private final List<ECKey> keys;
    private final boolean ephemeral;

    private SigningKeys(List<ECKey> keys, boolean ephemeral) {
        this.keys = List.copyOf(keys);
        this.ephemeral = ephemeral;
    }

    /**
     * @param jwkSetJson AUTH_SIGNING_KEYS; empty: an ephemeral key, with a warning
     * @throws IllegalArgumentException when the set is not usable (the message names the problem, never a key)
     */
    public static SigningKeys from(String jwkSetJson) {
        if (jwkSetJson == null || jwkSetJson.isBlank()) {
            LOG.warn("AUTH_SIGNING_KEYS is not set: access tokens are signed with a key generated at start, good for a "
                    + "single local replica only (other replicas cannot verify its tokens, a restart signs everyone "
                    + "out); set AUTH_SIGNING_KEYS from a Secret in any real deployment (docs/people-and-access.md)");
            return new SigningKeys(List.of(generate(UUID.randomUUID().toString())), true);
        }
        JWKSet set;
        try {
            set = JWKSet.parse(jwkSetJson);
        } catch (ParseException e) {
            throw new IllegalArgumentException("AUTH_SIGNING_KEYS is not a JWK set ({\"keys\": [...]}) of EC P-256 "
                    + "private keys");
        }
        List<ECKey> keys = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JWK jwk : set.getKeys()) {
            String where = "AUTH_SIGNING_KEYS key #" + (index++ + 1);
            if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
                throw new IllegalArgumentException(where + " is not an EC P-256 key (kty EC, crv P-256)");
            }
            if (!ec.isPrivate()) {
                throw new IllegalArgumentException(where + " has no private part (d): tenant-service signs with it");
            }
            if (ec.getKeyID() == null || ec.getKeyID().isBlank()) {
                throw new IllegalArgumentException(where + " has no kid");
            }
            if (!ids.add(ec.getKeyID())) {
                throw new IllegalArgumentException(where + " repeats kid " + ec.getKeyID());
            }
            keys.add(ec);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("AUTH_SIGNING_KEYS holds no key");
        }
        return new SigningKeys(keys, false);
    }

    /** A new private P-256 key with this kid (tests, and the ephemeral key). */
    public static ECKey generate(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate an EC P-256 key", e);
        }
    }

    /** The key that signs: the first. */
    public ECKey signing() {
        return keys.get(0);
    }

    public boolean ephemeral() {
        return ephemeral;
    }

    /** Every key, public parts only: what the JWKS endpoint publishes and what verifies. */
    public JWKSet publicSet() {
        return new JWKSet(keys.stream().map(key -> (JWK) key.toPublicJWK()).toList());
    }

    /** The published document: {@code {"keys": [...]}} with public parts only. */
    public Map<String, Object> publicJson() {
        return publicSet().toJSONObject(true);
    }
}
