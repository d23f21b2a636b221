-- Claims one job for this worker: the least recently served tenant that has work and is under
-- its in-flight cap gives its oldest job, moved atomically into this worker's processing list.
-- The claim stamps the job with a claim token (unique and increasing: what fences the note's
-- recording in PostgreSQL against an older claim of the same job) and its deadline (Redis time),
-- so the element held in the processing list is unique to this claim.
-- A worker that is not in the live set (a reaper returned its jobs) claims nothing: its heartbeat
-- would not be renewed, and the reaper would not know to return what it claimed.
-- KEYS[1] ring (zset: tenant -> last served sequence), KEYS[2] in-flight counts (hash),
-- KEYS[3] this worker's processing list, KEYS[4] serve sequence counter, KEYS[5] live workers (set),
-- KEYS[6] claim token counter
-- ARGV[1] tenant list prefix, ARGV[2] per-tenant in-flight cap, ARGV[3] most tenants to look at,
-- ARGV[4] this worker's id, ARGV[5] the job's deadline (ms from now)
-- Returns {tenant, job as held} or false.
local ring, inflight, processing, seq, workers, tokens = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local prefix, cap, scan, worker, deadline = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5])

if redis.call('SISMEMBER', workers, worker) == 0 then
  return false
end

local tenants = redis.call('ZRANGE', ring, 0, scan - 1)
for _, t in ipairs(tenants) do
  local busy = tonumber(redis.call('HGET', inflight, t) or '0')
  if busy < cap then
    local queue = prefix .. t
    local job = redis.call('RPOP', queue)
    if job then
      local ok, decoded = pcall(cjson.decode, job)
      if ok and type(decoded) == 'table' then
        decoded['claim_token'] = redis.call('INCR', tokens)
        decoded['deadline_at'] = now_ms() + deadline
        job = cjson.encode(decoded)
      end
      redis.call('LPUSH', processing, job)
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
