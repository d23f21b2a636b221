-- enhancement-worker, crash safety of the note:
-- posting_token: the queue claim (its increasing claim token) that holds the row's posting. The
--   note is recorded only by that claim, and a newer claim takes the posting over only after the
--   posting lease, so a worker that was reaped mid-POST and wakes up late cannot record over it.
-- content_fingerprint: SHA-256 of the ticket fields that shape an enhancement (subject,
--   description, category, priority, status...) as fetched from SDP. An update event is new only
--   when they changed; a note of our own (which moves SDP's last_updated_time) is not a change.
ALTER TABLE enhancement_history
    ADD COLUMN posting_token bigint,
    ADD COLUMN content_fingerprint text;

-- The per-ticket note budget (notes per ticket per hour) and the fingerprint look-up.
CREATE INDEX enhancement_history_tenant_ticket ON enhancement_history (tenant_id, ticket_id, updated_at);
