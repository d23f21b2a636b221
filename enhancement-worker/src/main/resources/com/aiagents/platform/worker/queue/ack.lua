-- Acknowledges a finished job: out of the processing list, one slot back to its tenant.
-- KEYS[1] processing list, KEYS[2] in-flight counts; ARGV[1] job, ARGV[2] tenant
-- Returns 1, or 0 when the job was no longer held here (a reaper returned it meanwhile).
local removed = redis.call('LREM', KEYS[1], 1, ARGV[1])
if removed > 0 then
  release_slot(KEYS[2], ARGV[2])
end
return removed
