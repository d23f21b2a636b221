package com.aiagents.platform.tenant.api;

import com.aiagents.platform.tenant.db.StoredUser;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** A person as the API shows it: never a password or its hash. {@code tenant_id} only for tenant users. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserView(
        @JsonProperty("id") UUID id,
        @JsonProperty("email") String email,
        @JsonProperty("role") String role,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("disabled") boolean disabled) {

    public static UserView of(StoredUser user) {
        return new UserView(user.id(), user.email(), user.role(), user.tenantId(), user.createdAt(), user.disabled());
    }
}
