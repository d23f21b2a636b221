-- Gives back a job its worker held past the job's deadline (its handler may be stuck: a hung
-- database call, a slow SDP): out of the processing list, its tenant's in-flight slot freed, the
-- attempt counted; to the front of its tenant's list, or to the dead list when it was the last.
-- KEYS[1] processing list, KEYS[2] in-flight counts, KEYS[3] the tenant's list, KEYS[4] ring,
-- KEYS[5] known tenants, KEYS[6] dead list
-- ARGV[1] job as held, ARGV[2] tenant, ARGV[3] max attempts, ARGV[4] now (ISO-8601, for dead_at)
-- Returns 0 (no longer held here), 1 given back, 2 dead-lettered.
local removed = redis.call('LREM', KEYS[1], 1, ARGV[1])
if removed == 0 then
  return 0
end
release_slot(KEYS[2], ARGV[2])
local again, dead = count_lost_attempt(ARGV[1], false, tonumber(ARGV[3]), 0, 'deadline_exceeded', ARGV[4])
if again then
  redis.call('RPUSH', KEYS[3], again)
  redis.call('ZADD', KEYS[4], 'NX', 0, ARGV[2])
  redis.call('SADD', KEYS[5], ARGV[2])
  return 1
end
redis.call('LPUSH', KEYS[6], dead)
return 2
