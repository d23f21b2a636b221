-- Returns the jobs of workers whose heartbeat expired: processing lists to the front of their
-- tenants' lists, dispatch staging lists back to ingress; the worker leaves the live set.
-- A returned job's attempt counts and so does its reap, in this same step: a job reaped
-- max-reaps times (or on its last attempt) goes to the dead list as worker_crashed.
-- The caller names the workers it found without a heartbeat, with their keys, and declares the
-- lists of the tenants their processing lists held; a worker whose list holds a job of another
-- tenant (it claimed meanwhile) is left for the next pass.
-- KEYS[1] live workers (set), KEYS[2] ring, KEYS[3] known tenants, KEYS[4] in-flight counts,
-- KEYS[5] ingress, KEYS[6] dead list, then per named worker: its heartbeat key, processing list
-- and staging list; then the tenants' lists
-- ARGV[1] max attempts, ARGV[2] max reaps, ARGV[3] now (ISO-8601), ARGV[4] w, the number of named
-- workers; ARGV[5..w+4] the workers; ARGV[w+5..] the tenants whose lists follow the workers' keys
-- Returns {workers reaped, jobs returned, jobs dead-lettered}.
local workers, ring, known, inflight, ingress, dead = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local max_attempts, max_reaps, now_iso, w = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
local lists = declared_lists(7 + 3 * w, 5 + w, #ARGV - 4 - w)
local reaped, returned, buried = 0, 0, 0
for i = 0, w - 1 do
  local worker = ARGV[5 + i]
  local heartbeat, processing, staging = KEYS[7 + 3 * i], KEYS[8 + 3 * i], KEYS[9 + 3 * i]
  if redis.call('SISMEMBER', workers, worker) == 1 and redis.call('EXISTS', heartbeat) == 0
      and all_routable(redis.call('LRANGE', processing, 0, -1), lists) then
    while true do
      local job = redis.call('RPOP', processing)
      if not job then break end
      local t = tenant_of(job)
      if t then
        release_slot(inflight, t)
        local again, entry = count_lost_attempt(job, true, max_attempts, max_reaps, 'worker_crashed', now_iso)
        if again then
          enqueue_for_tenant(lists[t], ring, known, t, again, true)
          returned = returned + 1
        else
          redis.call('LPUSH', dead, entry)
          buried = buried + 1
        end
      else
        redis.call('LPUSH', dead, job)
        buried = buried + 1
      end
    end
    while true do
      local job = redis.call('LPOP', staging)
      if not job then break end
      redis.call('RPUSH', ingress, job)
      returned = returned + 1
    end
    redis.call('SREM', workers, worker)
    reaped = reaped + 1
  end
end
return {reaped, returned, buried}
