package com.aiagents.platform.sdpsim.core;

import com.aiagents.platform.sdpsim.errors.SdpApiError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One instance's requests and notes, in memory. Every method is synchronized: the store is small
 * and a single lock keeps requests and their notes consistent under concurrent API calls.
 */
public final class RequestStore {

    /** Long numeric ids in the shape SDP uses ({@code "123640000000240013"}); notes share the sequence. */
    private static final long FIRST_ID = 123_640_000_000_240_001L;

    static final String API_TECHNICIAN = "API Technician";

    private final Clock clock;
    private final Map<String, StoredRequest> requests = new LinkedHashMap<>();
    private final Map<String, List<StoredNote>> notes = new LinkedHashMap<>();
    /** Deleted requests, gone from the SDP API, kept for the control API (what a test's subject did). */
    private final Map<String, RequestRecord> trash = new LinkedHashMap<>();
    private long nextId = FIRST_ID;
    private long nextDisplayId = 1;

    public RequestStore(Clock clock) {
        this.clock = clock;
    }

    public synchronized StoredRequest create(RequestDraft draft) {
        Instant now = clock.instant();
        String status = draft.status() == null ? SdpCatalog.DEFAULT_STATUS : draft.status();
        StoredResolution resolution = draft.resolution() == null ? null
                : new StoredResolution(draft.resolution(), now, API_TECHNICIAN);
        return insert(new StoredRequest(newId(), Long.toString(nextDisplayId++), draft.subject(), draft.description(),
                status, draft.priority(), draft.requester(), null, null, now, now,
                SdpCatalog.isResolved(status) ? now : null, resolution, draft.account(), draft.site()));
    }

    /** Stores a request built elsewhere (seeded history), giving it fresh ids. */
    public synchronized StoredRequest insertWithNewIds(StoredRequest template) {
        return insert(template.withIds(newId(), Long.toString(nextDisplayId++)));
    }

    public synchronized Optional<StoredRequest> find(String id) {
        return Optional.ofNullable(requests.get(id));
    }

    public synchronized StoredRequest get(String id) {
        return find(id).orElseThrow(() -> SdpApiError.notFound("Request " + id + " does not exist"));
    }

    public synchronized StoredRequest update(String id, RequestChanges changes) {
        StoredRequest r = get(id);
        Instant now = clock.instant();
        String status = changes.status() == null ? r.status() : changes.status();
        Instant resolvedAt = !SdpCatalog.isResolved(status) ? null : r.resolvedAt() == null ? now : r.resolvedAt();
        StoredResolution resolution = changes.resolution() == null ? r.resolution()
                : new StoredResolution(changes.resolution(), now, API_TECHNICIAN);
        return insert(new StoredRequest(r.id(), r.displayId(),
                changes.subject() == null ? r.subject() : changes.subject(),
                changes.description() == null ? r.description() : changes.description(),
                status, changes.priority() == null ? r.priority() : changes.priority(),
                r.requester(), r.technician(), r.category(), r.createdAt(), now, resolvedAt, resolution,
                r.account(), r.site()));
    }

    public synchronized void delete(String id) {
        StoredRequest deleted = get(id);
        requests.remove(id);
        notes.remove(id);
        trash.put(id, new RequestRecord(deleted, clock.instant()));
    }

    /** A request, and when it was deleted over the SDP API (null while it is not). */
    public record RequestRecord(StoredRequest request, Instant deletedAt) {
    }

    /** Every request the instance holds, then every one deleted, each in the order it was created. */
    public synchronized List<RequestRecord> everyRequest() {
        List<RequestRecord> all = new ArrayList<>();
        requests.values().forEach(r -> all.add(new RequestRecord(r, null)));
        all.addAll(trash.values());
        return all;
    }

    public synchronized Page<StoredRequest> list(RequestQuery query) {
        List<StoredRequest> matching = requests.values().stream()
                .filter(query::matches)
                .sorted(query.order())
                .toList();
        return Page.of(matching, query.startIndex(), query.rowCount());
    }

    public synchronized StoredNote addNote(String requestId, NoteDraft draft) {
        get(requestId);
        StoredNote note = new StoredNote(newId(), requestId, draft.description(), draft.showToRequester(),
                draft.markFirstResponse(), draft.addToLinkedRequests(), draft.notifyTechnician(),
                API_TECHNICIAN, clock.instant());
        notes.computeIfAbsent(requestId, id -> new ArrayList<>()).add(note);
        return note;
    }

    /** Notes in the order they were added. */
    public synchronized Page<StoredNote> notes(String requestId, int startIndex, int rowCount) {
        get(requestId);
        List<StoredNote> all = new ArrayList<>(notes.getOrDefault(requestId, List.of()));
        all.sort(Comparator.comparing(StoredNote::addedAt).thenComparing(StoredNote::id));
        return Page.of(all, startIndex, rowCount);
    }

    public synchronized int requestCount() {
        return requests.size();
    }

    public synchronized int noteCount() {
        return notes.values().stream().mapToInt(List::size).sum();
    }

    private StoredRequest insert(StoredRequest request) {
        requests.put(request.id(), request);
        return request;
    }

    private String newId() {
        return Long.toString(nextId++);
    }
}
