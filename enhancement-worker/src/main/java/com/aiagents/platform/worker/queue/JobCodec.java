package com.aiagents.platform.worker.queue;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.JsonMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jobs to and from their JSON form on the queue, and the dead-letter entry of a job. */
public final class JobCodec {
    private static final ObjectMapper JSON = JsonMapper.create();

    private JobCodec() {
    }

    public static String write(EnhancementJob job) {
        try {
            return JSON.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an EnhancementJob always serializes", e);
        }
    }

    /** The job, or null when {@code raw} is not a readable job. */
    public static EnhancementJob read(String raw) {
        try {
            EnhancementJob job = JSON.readValue(raw, EnhancementJob.class);
            return job != null && job.jobId() != null && job.tenantId() != null && job.ticketId() != null ? job : null;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The claim token a claim stamped on the job as held ({@code claim_token}), or 0. */
    public static long claimToken(String raw) {
        try {
            return JSON.readTree(raw).path("claim_token").asLong(0);
        } catch (JsonProcessingException e) {
            return 0;
        }
    }

    /**
     * A dead-letter entry: the job's own fields (so it reads back as the job) plus why and when it
     * died. The reason is a short category, never ticket text or a secret.
     */
    public static String deadEntry(String raw, EnhancementJob job, String reason, Instant at) {
        ObjectNode node = job == null ? JSON.createObjectNode() : JSON.valueToTree(job);
        if (job == null) {
            node.put("raw", raw);
        }
        node.put("dead_reason", reason);
        node.put("dead_at", at.toString());
        return node.toString();
    }

    /** The fields of a dead entry an operator is shown: the job's identity and history, never its content. */
    private static final List<String> SUMMARY_FIELDS = List.of("job_id", "tenant_id", "ticket_id", "event",
            "attempt", "reaps", "received_at", "released_at", "dead_reason", "dead_at");

    /**
     * A dead entry as the operator console lists it: only {@link #SUMMARY_FIELDS} (a job carries no
     * ticket text, but an entry that is not a readable job may hold anything), and for an entry that
     * is not a readable job, {@code unreadable: true} with its length and SHA-256 instead of its
     * content (redis-cli shows the content to whoever may run it).
     */
    public static Map<String, Object> summary(String raw) {
        Map<String, Object> summary = new LinkedHashMap<>();
        if (read(raw) == null) {
            summary.put("unreadable", true);
            summary.put("raw_length", raw.length());
            summary.put("raw_sha256", sha256(raw));
            JsonNode reason = readTree(raw).path("dead_reason");
            summary.put("dead_reason", reason.isTextual() && reason.asText().matches("[a-z0-9_:]{1,100}")
                    ? reason.asText() : "unreadable_job");
            return summary;
        }
        ObjectNode node = readTree(raw);
        for (String field : SUMMARY_FIELDS) {
            JsonNode value = node.get(field);
            if (value != null && value.isValueNode() && !value.isNull()) {
                summary.put(field, value.isNumber() ? value.numberValue() : value.asText());
            }
        }
        return summary;
    }

    private static String sha256(String raw) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The dead entry's fields, for the operator endpoint. */
    public static ObjectNode readTree(String raw) {
        try {
            return (ObjectNode) JSON.readTree(raw);
        } catch (JsonProcessingException | ClassCastException e) {
            ObjectNode node = JSON.createObjectNode();
            node.put("raw", raw);
            return node;
        }
    }
}
