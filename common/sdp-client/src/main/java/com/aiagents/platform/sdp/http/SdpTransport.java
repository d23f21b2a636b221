package com.aiagents.platform.sdp.http;

import com.aiagents.platform.sdp.SdpErrorKind;
import com.aiagents.platform.sdp.SdpException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Performs one SDP call over HTTP for one tenant: adds the edition's authentication, renews a
 * rejected cloud access token once and repeats the call once, and hands back the JSON body of a
 * success or throws a typed {@code SdpException}. Retries and circuit breaking happen around it.
 */
public final class SdpTransport {

    public static final String SDP_V3_ACCEPT = "application/vnd.manageengine.sdp.v3+json";

    private final OkHttpClient http;
    private final HttpUrl apiBase;
    private final RequestAuthorizer authorizer;
    private final SdpReplyInterpreter interpreter;
    private final ObjectMapper json;
    private final String tenantId;
    private final SecretRedactor redactor;
    private final String userAgent;
    private final long maxReplyBytes;

    public SdpTransport(OkHttpClient http, HttpUrl apiBase, RequestAuthorizer authorizer,
                        SdpReplyInterpreter interpreter, ObjectMapper json, String tenantId,
                        SecretRedactor redactor, String userAgent, long maxReplyBytes) {
        this.http = http;
        this.apiBase = apiBase;
        this.authorizer = authorizer;
        this.interpreter = interpreter;
        this.json = json;
        this.tenantId = tenantId;
        this.redactor = redactor;
        this.userAgent = userAgent;
        this.maxReplyBytes = maxReplyBytes;
    }

    /** {@code {servicedesk_url}/api/v3}: the same for both editions. */
    public static HttpUrl apiBase(String serviceDeskUrl) {
        return HttpUrl.get(serviceDeskUrl).newBuilder().addPathSegments("api/v3").build();
    }

    public JsonNode execute(SdpCall call) {
        AuthHeader auth = authorizer.current();
        SdpReply reply = exchange(call, auth);
        boolean renewed = false;
        if (interpreter.isCredentialRejection(reply) && authorizer.renewAfterRejection(auth)) {
            renewed = true;
            reply = exchange(call, authorizer.current());
        }
        return interpreter.successBodyOrThrow(call, reply, renewed);
    }

    private SdpReply exchange(SdpCall call, AuthHeader auth) {
        Request request = toHttpRequest(call, auth);
        try (Response response = http.newCall(request).execute()) {
            String text = BoundedReplies.read(response.body(), maxReplyBytes);
            return new SdpReply(response.code(), parseOrNull(text), !text.isBlank(), response.header("Retry-After"));
        } catch (BoundedReplies.TooLarge e) {
            throw new SdpException(SdpErrorKind.MALFORMED_RESPONSE, tenantId, "SDP call " + call.describe()
                    + " for tenant '" + tenantId + "' failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw TransportFailures.of(tenantId, "SDP call " + call.describe(), e, redactor);
        }
    }

    private Request toHttpRequest(SdpCall call, AuthHeader auth) {
        HttpUrl.Builder url = apiBase.newBuilder();
        call.pathSegments().forEach(url::addPathSegment);
        if (call.queryInputData() != null) {
            url.addQueryParameter("input_data", call.queryInputData());
        }
        RequestBody body = null;
        if (call.formInputData() != null) {
            body = new FormBody.Builder().add("input_data", call.formInputData()).build();
        } else if ("POST".equals(call.method()) || "PUT".equals(call.method())) {
            body = new FormBody.Builder().build();
        }
        return new Request.Builder()
                .url(url.build())
                .header("Accept", SDP_V3_ACCEPT)
                .header("User-Agent", userAgent)
                .header(auth.name(), auth.value())
                .method(call.method(), body)
                .build();
    }

    private JsonNode parseOrNull(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException notJson) {
            // Deliberately not kept as a cause: Jackson quotes the body, which we do not control.
            return null;
        }
    }
}
