package com.aiagents.platform.sdp;

import com.aiagents.platform.sdp.http.SdpCall;
import com.aiagents.platform.sdp.http.SdpTransport;
import com.aiagents.platform.sdp.json.SdpInputData;
import com.aiagents.platform.sdp.json.SdpJsonReader;
import com.aiagents.platform.sdp.model.NewSdpNote;
import com.aiagents.platform.sdp.model.NewSdpRequest;
import com.aiagents.platform.sdp.model.SdpListQuery;
import com.aiagents.platform.sdp.model.SdpNote;
import com.aiagents.platform.sdp.model.SdpPage;
import com.aiagents.platform.sdp.model.SdpRequest;
import com.aiagents.platform.sdp.model.SdpResolution;
import com.aiagents.platform.sdp.resilience.TenantResilience;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link SdpClient} over HTTP: builds each call, runs it under the tenant's resilience, reads the reply. */
final class HttpSdpClient implements SdpClient {

    private static final List<String> REQUEST_KEYS = List.of("requests");
    private static final List<String> NOTE_LIST_KEYS = List.of("notes", "request_notes");
    private static final int NOTES_PER_PAGE = SdpListQuery.MAX_ROW_COUNT;

    private final String tenantId;
    private final SdpEdition edition;
    private final SdpTransport transport;
    private final TenantResilience resilience;
    private final SdpInputData inputData;
    private final int maxNotePages;

    HttpSdpClient(String tenantId, SdpEdition edition, SdpTransport transport, TenantResilience resilience,
                  SdpInputData inputData, int maxNotePages) {
        this.tenantId = tenantId;
        this.edition = edition;
        this.transport = transport;
        this.resilience = resilience;
        this.inputData = inputData;
        this.maxNotePages = maxNotePages;
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    @Override
    public SdpRequest getRequest(String requestId) {
        SdpCall call = SdpCall.get(List.of("requests", checkedId(requestId)), null);
        JsonNode body = run(call);
        return read(call, () -> SdpJsonReader.request(body.get("request")));
    }

    @Override
    public SdpPage<SdpRequest> listRequests(SdpListQuery query) {
        SdpCall call = SdpCall.get(List.of("requests"), inputData.listInfo(query));
        JsonNode body = run(call);
        return read(call, () -> SdpJsonReader.page(body, REQUEST_KEYS, SdpJsonReader::request, query.startIndex()));
    }

    @Override
    public Optional<SdpResolution> getResolution(String requestId) {
        SdpCall call = SdpCall.get(List.of("requests", checkedId(requestId), "resolutions"), null);
        JsonNode body = run(call);
        return SdpJsonReader.resolution(body.get("resolution"));
    }

    @Override
    public SdpRequest createRequest(NewSdpRequest request) {
        SdpCall call = SdpCall.post(List.of("requests"), inputData.newRequest(request));
        JsonNode body = run(call);
        return read(call, () -> SdpJsonReader.request(body.get("request")));
    }

    @Override
    public void deleteRequest(String requestId) {
        run(SdpCall.delete(List.of("requests", checkedId(requestId))));
    }

    @Override
    public List<SdpNote> listNotes(String requestId) {
        List<String> path = List.of("requests", checkedId(requestId), "notes");
        List<SdpNote> notes = new ArrayList<>();
        SdpListQuery query = SdpListQuery.firstPage(NOTES_PER_PAGE);
        for (int page = 0; page < maxNotePages; page++) {
            SdpCall call = SdpCall.get(path, inputData.listInfo(query));
            JsonNode body = run(call);
            int start = query.startIndex();
            SdpPage<SdpNote> notePage = read(call, () -> SdpJsonReader.page(body, NOTE_LIST_KEYS, SdpJsonReader::note, start));
            notes.addAll(notePage.items());
            if (!notePage.hasMoreRows() || notePage.items().isEmpty()) {
                break;
            }
            query = query.after(notePage);
        }
        return notes;
    }

    @Override
    public SdpNote addNote(String requestId, NewSdpNote note) {
        SdpCall call = SdpCall.post(List.of("requests", checkedId(requestId), "notes"), inputData.note(edition, note));
        JsonNode body = run(call);
        return read(call, () -> {
            JsonNode created = body.hasNonNull("note") ? body.get("note") : body.get("request_note");
            return SdpJsonReader.note(created);
        });
    }

    private JsonNode run(SdpCall call) {
        return resilience.call(call.idempotent(), () -> transport.execute(call));
    }

    /** A success reply we cannot read is SDP's fault, not the caller's: MALFORMED_RESPONSE. */
    private <T> T read(SdpCall call, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (IllegalArgumentException e) {
            throw new SdpException(SdpErrorKind.MALFORMED_RESPONSE, tenantId, "SDP call " + call.describe()
                    + " for tenant '" + tenantId + "' returned an unexpected reply: " + e.getMessage(), null);
        }
    }

    private static String checkedId(String requestId) {
        if (requestId == null || requestId.isBlank()) {
            throw new IllegalArgumentException("request id must not be blank");
        }
        return requestId.trim();
    }
}
