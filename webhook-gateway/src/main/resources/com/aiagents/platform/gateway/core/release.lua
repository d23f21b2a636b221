-- Releases deferred jobs (admit.lua's lanes) to the workers at each tenant's rate, atomically.
-- Each tenant's lane gives up to what its rate log has room for, one job per tenant per round, so
-- tenants with backlogs share a step fairly; a released job spends a slot of the rate log like a
-- job admitted directly, so a tenant never gets more than its rate to the workers, whichever replica
-- releases and however often. The lock lets one gateway replica release per interval.
-- KEYS[1] = {enhancement_queue}:deferred_tenants (hash tenant -> requests per window)
-- KEYS[2] = {enhancement_queue}:deferred_release (the lock), KEYS[3] = the ingress list
-- then for tenant i (ARGV[4 + i]): KEYS[2 + 2i] its deferred lane, KEYS[3 + 2i] its rate log
-- ARGV[1] = window (us), ARGV[2] = lock (ms), ARGV[3] = most jobs to release in this step,
-- ARGV[4] = the release time (ISO-8601), stamped on each released job as "released_at": the
-- webhook-to-note latency objective counts a deferred job from its release. Spliced into the JSON
-- text rather than decoded and re-encoded: cjson would turn other fields' types (an empty array
-- into an object, long numbers into floats).
-- Returns {jobs released, then each tenant's lane length after the step, in ARGV's order}.
local tenants, lock, ingress = KEYS[1], KEYS[2], KEYS[3]
local window, budget = tonumber(ARGV[1]), tonumber(ARGV[3])
local n = #ARGV - 4
local stamp = '{"released_at":"' .. ARGV[4] .. '",'

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local released = 0
if redis.call('SET', lock, '1', 'NX', 'PX', ARGV[2]) then
  local room = {}
  for i = 1, n do
    local log = KEYS[3 + 2 * i]
    redis.call('ZREMRANGEBYSCORE', log, '-inf', now - window)
    room[i] = (tonumber(redis.call('HGET', tenants, ARGV[4 + i])) or 0) - redis.call('ZCARD', log)
  end
  local progress = true
  while progress and released < budget do
    progress = false
    for i = 1, n do
      if released < budget and room[i] > 0 then
        local job = redis.call('RPOP', KEYS[2 + 2 * i])
        if job then
          if string.sub(job, 1, 1) == '{' and not string.find(job, '"released_at"', 1, true) then
            job = stamp .. string.sub(job, 2)
          end
          redis.call('LPUSH', ingress, job)
          redis.call('ZADD', KEYS[3 + 2 * i], now, 'deferred:' .. now .. ':' .. released)
          redis.call('PEXPIRE', KEYS[3 + 2 * i], math.ceil(window / 1000))
          room[i] = room[i] - 1
          released = released + 1
          progress = true
        else
          room[i] = 0
        end
      end
    end
  end
end
local reply = {released}
for i = 1, n do
  local depth = redis.call('LLEN', KEYS[2 + 2 * i])
  if depth == 0 then
    redis.call('HDEL', tenants, ARGV[4 + i])
  end
  reply[i + 1] = depth
end
return reply
