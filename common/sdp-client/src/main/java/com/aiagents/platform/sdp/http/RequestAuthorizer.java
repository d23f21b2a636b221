package com.aiagents.platform.sdp.http;

import java.util.List;

/** Supplies the authentication header of an edition and knows whether a rejected one can be renewed. */
public interface RequestAuthorizer {

    /** The header for the next call; may mint a cloud access token and throw {@code SdpException}. */
    AuthHeader current();

    /**
     * SDP rejected {@code rejected} (401/4022). Drops it and says whether a fresh credential may fix
     * it (cloud: yes, one new access token; on-prem: no, the key is what it is).
     */
    boolean renewAfterRejection(AuthHeader rejected);

    /** Values that must never reach a message: static secrets and the current access token. */
    List<String> secrets();
}
