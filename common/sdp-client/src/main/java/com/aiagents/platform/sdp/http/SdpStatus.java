package com.aiagents.platform.sdp.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * SDP's {@code response_status}, which is an object in single replies and an array in list
 * replies. {@code detailCode} is the first {@code messages[].status_code}, usually the specific
 * one (4022) where {@code statusCode} is the generic 4000.
 */
public record SdpStatus(int statusCode, Integer detailCode, String message, String field) {

    /** 4000 and above means failure, whatever the HTTP status. */
    public boolean failed() {
        return statusCode >= 4000 || (detailCode != null && detailCode >= 4000);
    }

    /** The most specific code SDP gave. */
    public int effectiveCode() {
        return detailCode != null ? detailCode : statusCode;
    }

    /** Null when the body has no {@code response_status}. */
    public static SdpStatus of(JsonNode body) {
        if (body == null || !body.isObject()) {
            return null;
        }
        JsonNode status = body.get("response_status");
        if (status != null && status.isArray()) {
            status = firstFailedOrFirst(status);
        }
        if (status == null || !status.isObject()) {
            return null;
        }
        Integer code = intOf(status.get("status_code"));
        Integer detail = null;
        String message = null;
        String field = null;
        JsonNode messages = status.get("messages");
        if (messages != null && messages.isArray()) {
            for (JsonNode m : messages) {
                Integer c = intOf(m.get("status_code"));
                if (detail == null && c != null) {
                    detail = c;
                }
                message = message == null ? textOf(m.get("message")) : message;
                field = field == null ? textOf(m.get("field")) : field;
            }
        }
        if (code == null && detail == null) {
            return null;
        }
        return new SdpStatus(code == null ? detail : code, detail, message, field);
    }

    private static JsonNode firstFailedOrFirst(JsonNode array) {
        for (JsonNode element : array) {
            Integer code = intOf(element.get("status_code"));
            if (code != null && code >= 4000) {
                return element;
            }
        }
        return array.isEmpty() ? null : array.get(0);
    }

    private static Integer intOf(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.asInt();
        }
        try {
            return Integer.parseInt(node.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String textOf(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
