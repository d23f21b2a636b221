-- Returns the jobs of workers whose heartbeat expired: processing lists to the front of their
-- tenants' lists, dispatch staging lists back to ingress; the worker leaves the live set.
-- A returned job's attempt counts and so does its reap, in this same step: a job reaped
-- max-reaps times (or on its last attempt) goes to the dead list as worker_crashed.
-- KEYS[1] live workers (set), KEYS[2] ring, KEYS[3] known tenants, KEYS[4] in-flight counts,
-- KEYS[5] ingress, KEYS[6] dead list
-- ARGV[1] tenant list prefix, ARGV[2] processing prefix, ARGV[3] heartbeat prefix,
-- ARGV[4] staging prefix, ARGV[5] max attempts, ARGV[6] max reaps, ARGV[7] now (ISO-8601)
-- Returns {workers reaped, jobs returned, jobs dead-lettered}.
local workers, ring, known, inflight, ingress, dead = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local prefix, processing_prefix, heartbeat_prefix, staging_prefix = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local max_attempts, max_reaps, now_iso = tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7]
local reaped, returned, buried = 0, 0, 0
for _, w in ipairs(redis.call('SMEMBERS', workers)) do
  if redis.call('EXISTS', heartbeat_prefix .. w) == 0 then
    local processing = processing_prefix .. w
    while true do
      local job = redis.call('RPOP', processing)
      if not job then break end
      local t = tenant_of(job)
      if t then
        release_slot(inflight, t)
        local again, entry = count_lost_attempt(job, true, max_attempts, max_reaps, 'worker_crashed', now_iso)
        if again then
          enqueue_for_tenant(prefix, ring, known, t, again, true)
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
    local staging = staging_prefix .. w
    while true do
      local job = redis.call('LPOP', staging)
      if not job then break end
      redis.call('RPUSH', ingress, job)
      returned = returned + 1
    end
    redis.call('SREM', workers, w)
    reaped = reaped + 1
  end
end
return {reaped, returned, buried}
