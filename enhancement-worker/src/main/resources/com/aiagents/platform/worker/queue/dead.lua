-- Dead-letters a job after its last attempt (or a failure no retry can fix).
-- KEYS[1] processing list, KEYS[2] in-flight counts, KEYS[3] dead list
-- ARGV[1] job as held, ARGV[2] tenant, ARGV[3] the dead-letter entry
local removed = redis.call('LREM', KEYS[1], 1, ARGV[1])
if removed > 0 then
  release_slot(KEYS[2], ARGV[2])
  redis.call('LPUSH', KEYS[3], ARGV[3])
end
return removed
