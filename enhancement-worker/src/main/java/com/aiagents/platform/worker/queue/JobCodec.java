package com.aiagents.platform.worker.queue;

import com.aiagents.platform.api.EnhancementJob;
import com.aiagents.platform.api.JsonMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

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
