-- Claims one job for this worker: the least recently served tenant that has work and is under
-- its in-flight cap gives its oldest job, moved atomically into this worker's processing list.
-- A worker that is not in the live set (a reaper returned its jobs) claims nothing: it could claim
-- a returned job again while its old task still runs, and that task's ack would remove the new claim.
-- KEYS[1] ring (zset: tenant -> last served sequence), KEYS[2] in-flight counts (hash),
-- KEYS[3] this worker's processing list, KEYS[4] serve sequence counter, KEYS[5] live workers (set)
-- ARGV[1] tenant list prefix, ARGV[2] per-tenant in-flight cap, ARGV[3] most tenants to look at,
-- ARGV[4] this worker's id
-- Returns {tenant, job} or false.
local ring, inflight, processing, seq, workers = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local prefix, cap, scan, worker = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]

if redis.call('SISMEMBER', workers, worker) == 0 then
  return false
end

local tenants = redis.call('ZRANGE', ring, 0, scan - 1)
for _, t in ipairs(tenants) do
  local busy = tonumber(redis.call('HGET', inflight, t) or '0')
  if busy < cap then
    local queue = prefix .. t
    local job = redis.call('LMOVE', queue, processing, 'RIGHT', 'LEFT')
    if job then
      redis.call('HINCRBY', inflight, t, 1)
      if redis.call('LLEN', queue) == 0 then
        redis.call('ZREM', ring, t)
      else
        redis.call('ZADD', ring, 'XX', redis.call('INCR', seq), t)
      end
      return {t, job}
    end
    redis.call('ZREM', ring, t)
  end
end
return false
