package com.aiagents.platform.sdpsim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Test-side view of webhooks: waiting for one, and checking its signature independently of the simulator. */
final class WebhookReceiver {

    private WebhookReceiver() {
    }

    /** The next webhook, waiting at most 10 seconds. */
    static RecordedRequest next(MockWebServer receiver) throws InterruptedException {
        RecordedRequest request = receiver.takeRequest(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no webhook arrived within 10 seconds");
        }
        return request;
    }

    /** What {@code openssl dgst -sha256 -hmac "$SECRET"} prints for the body. */
    static String expectedSignature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] body(RecordedRequest request) {
        return request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    }
}
