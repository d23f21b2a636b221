package com.aiagents.platform.sdp;

import com.aiagents.platform.sdp.model.NewSdpNote;
import com.aiagents.platform.sdp.model.NewSdpRequest;
import com.aiagents.platform.sdp.model.SdpListQuery;
import com.aiagents.platform.sdp.model.SdpNote;
import com.aiagents.platform.sdp.model.SdpPage;
import com.aiagents.platform.sdp.model.SdpRequest;
import com.aiagents.platform.sdp.model.SdpResolution;
import com.aiagents.platform.sdp.model.SdpSearchCriterion;
import java.util.List;
import java.util.Optional;

/**
 * The ServiceDesk Plus v3 calls the platform makes, for one tenant. Get one from
 * {@link SdpClientFactory#clientFor(SdpConnection)}. Thread-safe.
 *
 * <p>Every method throws {@link SdpException} on failure, also when SDP answers HTTP 200 with a
 * failed {@code response_status}. Reads (GET, DELETE) are retried on 429/5xx/timeouts; writes
 * (POST) only on 429, because a timed-out or 5xx POST may already have created the note.
 */
public interface SdpClient {

    String tenantId();

    /** {@code GET requests/{id}}. */
    SdpRequest getRequest(String requestId);

    /** {@code GET requests?input_data={"list_info":...}}: one page. */
    SdpPage<SdpRequest> listRequests(SdpListQuery query);

    /**
     * MSP edition: one page of the requests of one customer account, narrowed by SDP itself
     * ({@code search_criteria} on {@code account.name}), so other accounts' rows never reach us.
     */
    default SdpPage<SdpRequest> listRequestsInAccount(String accountName, SdpListQuery query) {
        if (accountName == null || accountName.isBlank()) {
            throw new IllegalArgumentException("account name must not be blank");
        }
        return listRequests(query.where(SdpSearchCriterion.inAccount(accountName)));
    }

    /** {@code GET requests/{id}/resolutions}: empty when the request has no resolution text. */
    Optional<SdpResolution> getResolution(String requestId);

    /** {@code POST requests}. */
    SdpRequest createRequest(NewSdpRequest request);

    /** {@code DELETE requests/{id}} (on-prem moves it to the trash). */
    void deleteRequest(String requestId);

    /** {@code GET requests/{id}/notes}, all pages (bounded by {@link SdpClientConfig#maxNotePages()}). */
    List<SdpNote> listNotes(String requestId);

    /** {@code POST requests/{id}/notes} with the edition's wrapper ({@code note} or {@code request_note}). */
    SdpNote addNote(String requestId, NewSdpNote note);
}
