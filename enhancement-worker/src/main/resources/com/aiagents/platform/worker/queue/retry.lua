-- Schedules a failed job's next attempt: out of the processing list, into the delayed set.
-- KEYS[1] processing list, KEYS[2] in-flight counts, KEYS[3] delayed (zset scored by due ms)
-- ARGV[1] job as held, ARGV[2] tenant, ARGV[3] next attempt's job, ARGV[4] due time (ms)
-- Returns 1, or 0 when the job was no longer held here (then it is already back on a queue).
local removed = redis.call('LREM', KEYS[1], 1, ARGV[1])
if removed > 0 then
  release_slot(KEYS[2], ARGV[2])
  redis.call('ZADD', KEYS[3], tonumber(ARGV[4]), ARGV[3])
end
return removed
