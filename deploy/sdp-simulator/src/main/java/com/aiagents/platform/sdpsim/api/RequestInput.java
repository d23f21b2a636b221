package com.aiagents.platform.sdpsim.api;

import static com.aiagents.platform.sdpsim.api.SdpInputData.name;
import static com.aiagents.platform.sdpsim.api.SdpInputData.object;
import static com.aiagents.platform.sdpsim.api.SdpInputData.text;

import com.aiagents.platform.sdpsim.core.RequestChanges;
import com.aiagents.platform.sdpsim.core.RequestDraft;
import com.aiagents.platform.sdpsim.core.Requester;
import com.aiagents.platform.sdpsim.core.SdpCatalog;
import com.aiagents.platform.sdpsim.errors.SdpApiError;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.Function;

/** {@code input_data} of request create and update, and of setting a resolution. */
public final class RequestInput {

    private static final String DEFAULT_REQUESTER = "Guest";

    private final SdpInputData inputData;

    public RequestInput(SdpInputData inputData) {
        this.inputData = inputData;
    }

    /**
     * {@code {"request": {"subject", "description", "requester", "priority", "status", "resolution",
     * "account", "site"}}}; account and site are objects with a {@code name} (MSP edition).
     */
    public RequestDraft newRequest(String raw) {
        ObjectNode request = object(inputData.root(raw, true), "request", true);
        String subject = text(request, "subject");
        if (subject == null || subject.isBlank()) {
            throw SdpApiError.missing("subject");
        }
        return new RequestDraft(subject, text(request, "description"), requester(request),
                catalogName(request, "priority", SdpCatalog::priority),
                catalogName(request, "status", SdpCatalog::status),
                resolutionContent(object(request, "resolution", false)),
                name(request, "account"), name(request, "site"));
    }

    /** The same fields, all optional; a given subject must not be blank. */
    public RequestChanges changes(String raw) {
        ObjectNode request = object(inputData.root(raw, true), "request", true);
        String subject = text(request, "subject");
        if (subject != null && subject.isBlank()) {
            throw SdpApiError.badValue("subject", "subject must not be blank");
        }
        return new RequestChanges(subject, text(request, "description"),
                catalogName(request, "priority", SdpCatalog::priority),
                catalogName(request, "status", SdpCatalog::status),
                resolutionContent(object(request, "resolution", false)));
    }

    /** {@code {"resolution": {"content": "..."}}}. */
    public String resolution(String raw) {
        String content = resolutionContent(object(inputData.root(raw, true), "resolution", true));
        if (content == null) {
            throw SdpApiError.missing("content");
        }
        return content;
    }

    private static String resolutionContent(ObjectNode resolution) {
        return resolution == null ? null : text(resolution, "content");
    }

    private static Requester requester(ObjectNode request) {
        ObjectNode requester = object(request, "requester", false);
        if (requester == null) {
            return new Requester(DEFAULT_REQUESTER, null);
        }
        String email = text(requester, "email_id");
        String name = text(requester, "name");
        return new Requester(name != null ? name : email != null ? email : DEFAULT_REQUESTER, email);
    }

    private static String catalogName(ObjectNode request, String field,
                                      Function<String, Optional<SdpCatalog.Entry>> catalog) {
        String given = name(request, field);
        if (given == null) {
            return null;
        }
        return catalog.apply(given).map(SdpCatalog.Entry::name)
                .orElseThrow(() -> SdpApiError.badValue(field, "unknown " + field + " '" + given + "'"));
    }
}
