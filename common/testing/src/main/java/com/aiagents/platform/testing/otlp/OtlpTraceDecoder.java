package com.aiagents.platform.testing.otlp;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes an OTLP {@code ExportTraceServiceRequest} (opentelemetry-proto trace/v1) into {@link ReceivedSpan}s. */
final class OtlpTraceDecoder {
    private static final String[] KINDS = {"UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"};
    private static final HexFormat HEX = HexFormat.of();

    private OtlpTraceDecoder() {
    }

    static List<ReceivedSpan> decode(byte[] exportRequest) {
        List<ReceivedSpan> spans = new ArrayList<>();
        ProtoReader request = new ProtoReader(exportRequest);
        while (request.hasNext()) {
            if (request.field() == 1) {
                resourceSpans(request.message(), spans);
            } else {
                request.skip();
            }
        }
        return spans;
    }

    private static void resourceSpans(ProtoReader resourceSpans, List<ReceivedSpan> out) {
        String service = null;
        List<ProtoReader> scopes = new ArrayList<>();
        while (resourceSpans.hasNext()) {
            switch (resourceSpans.field()) {
                case 1 -> service = String.valueOf(attributes(resourceSpans.message(), 1).get("service.name"));
                case 2 -> scopes.add(resourceSpans.message());
                default -> resourceSpans.skip();
            }
        }
        for (ProtoReader scope : scopes) {
            while (scope.hasNext()) {
                if (scope.field() == 2) {
                    out.add(span(service, scope.message()));
                } else {
                    scope.skip();
                }
            }
        }
    }

    private static ReceivedSpan span(String service, ProtoReader span) {
        String traceId = "";
        String spanId = "";
        String parentSpanId = "";
        String name = "";
        int kind = 0;
        long start = 0;
        long end = 0;
        Map<String, Object> attributes = new LinkedHashMap<>();
        List<String> links = new ArrayList<>();
        int status = 0;
        while (span.hasNext()) {
            switch (span.field()) {
                case 1 -> traceId = HEX.formatHex(span.bytes());
                case 2 -> spanId = HEX.formatHex(span.bytes());
                case 4 -> parentSpanId = HEX.formatHex(span.bytes());
                case 5 -> name = span.string();
                case 6 -> kind = (int) span.varint();
                case 7 -> start = span.fixed64();
                case 8 -> end = span.fixed64();
                case 9 -> attributes.putAll(keyValue(span.message()));
                case 13 -> links.add(linkedSpanId(span.message()));
                case 15 -> status = statusCode(span.message());
                default -> span.skip();
            }
        }
        return new ReceivedSpan(service, traceId, spanId, parentSpanId, name,
                kind < KINDS.length ? KINDS[kind] : Integer.toString(kind), start, end, Map.copyOf(attributes),
                List.copyOf(links), status);
    }

    /** The repeated KeyValue field {@code field} of a message (Resource.attributes is field 1). */
    private static Map<String, Object> attributes(ProtoReader message, int field) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        while (message.hasNext()) {
            if (message.field() == field) {
                attributes.putAll(keyValue(message.message()));
            } else {
                message.skip();
            }
        }
        return attributes;
    }

    private static Map<String, Object> keyValue(ProtoReader keyValue) {
        String key = null;
        Object value = null;
        while (keyValue.hasNext()) {
            switch (keyValue.field()) {
                case 1 -> key = keyValue.string();
                case 2 -> value = anyValue(keyValue.message());
                default -> keyValue.skip();
            }
        }
        return key == null || value == null ? Map.of() : Map.of(key, value);
    }

    private static Object anyValue(ProtoReader any) {
        Object value = null;
        while (any.hasNext()) {
            switch (any.field()) {
                case 1 -> value = any.string();
                case 2 -> value = any.varint() != 0;
                case 3 -> value = any.varint();
                case 4 -> value = Double.longBitsToDouble(any.fixed64());
                default -> {
                    any.skip();
                    value = "(unsupported value)";
                }
            }
        }
        return value;
    }

    private static String linkedSpanId(ProtoReader link) {
        String spanId = "";
        while (link.hasNext()) {
            if (link.field() == 2) {
                spanId = HEX.formatHex(link.bytes());
            } else {
                link.skip();
            }
        }
        return spanId;
    }

    private static int statusCode(ProtoReader status) {
        int code = 0;
        while (status.hasNext()) {
            if (status.field() == 3) {
                code = (int) status.varint();
            } else {
                status.skip();
            }
        }
        return code;
    }
}
