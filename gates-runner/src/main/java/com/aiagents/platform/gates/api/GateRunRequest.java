package com.aiagents.platform.gates.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code POST /v1/gate-runs}: the tenant, and which gates (all four when omitted). */
public record GateRunRequest(@JsonProperty("tenant_id") String tenantId, @JsonProperty("gates") List<Integer> gates) {
}
