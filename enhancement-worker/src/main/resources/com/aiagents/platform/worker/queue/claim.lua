-- Claims one job for this worker: the least recently served tenant that has work and is under
-- its in-flight cap gives its oldest job, moved atomically into this worker's processing list.
-- The cap is work-conserving: it binds only while another tenant under its cap has work waiting;
-- when none has, a free slot goes to the least recently served tenant over its cap, so a tenant
-- alone (a storm) uses every idle slot, and a newcomer gets the next free slot before it. A premium
-- tenant's cap is the basic cap times the premium weight.
-- The candidates are the tenants the caller read from the ring (with their lists declared in
-- KEYS, as Redis Cluster requires); they are tried in the ring's order as it is now.
-- The claim stamps the job with a claim token (unique and increasing: what fences the note's
-- recording in PostgreSQL against an older claim of the same job) and its deadline (Redis time),
-- so the element held in the processing list is unique to this claim.
-- A worker that is not in the live set (a reaper returned its jobs) claims nothing: its heartbeat
-- would not be renewed, and the reaper would not know to return what it claimed.
-- KEYS[1] ring (zset: tenant -> last served sequence), KEYS[2] in-flight counts (hash),
-- KEYS[3] this worker's processing list, KEYS[4] serve sequence counter, KEYS[5] live workers (set),
-- KEYS[6] claim token counter, KEYS[7] premium tenants (set), KEYS[8..] the candidate tenants' lists
-- ARGV[1] per-tenant in-flight cap, ARGV[2] this worker's id, ARGV[3] the job's deadline (ms from
-- now), ARGV[4] premium cap weight, ARGV[5..] the candidate tenants, in the order of their lists in KEYS
-- Returns {tenant, job as held} or false.
local ring, inflight, processing, seq, workers, tokens = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local premium = KEYS[7]
local cap, worker, deadline, weight = tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])

if redis.call('SISMEMBER', workers, worker) == 0 then
  return false
end

-- Tenant t's oldest job (list queue) into this worker's processing list, or nil (t leaves the ring) when t has none.
local function take(t, queue)
  local job = redis.call('RPOP', queue)
  if not job then
    redis.call('ZREM', ring, t)
    return nil
  end
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
  return job
end

local candidates = {}
for i = 5, #ARGV do
  local score = redis.call('ZSCORE', ring, ARGV[i])
  if score then
    candidates[#candidates + 1] = {t = ARGV[i], queue = KEYS[i + 3], score = tonumber(score)}
  end
end
table.sort(candidates, function(a, b) return a.score < b.score end)

local capped = {}
for _, c in ipairs(candidates) do
  local busy = tonumber(redis.call('HGET', inflight, c.t) or '0')
  local own_cap = cap
  if redis.call('SISMEMBER', premium, c.t) == 1 then
    own_cap = cap * weight
  end
  if busy < own_cap then
    local job = take(c.t, c.queue)
    if job then
      return {c.t, job}
    end
  else
    capped[#capped + 1] = c
  end
end
-- Nobody under its cap has work: the slot would idle, so the least recently served capped tenant takes it.
for _, c in ipairs(capped) do
  local job = take(c.t, c.queue)
  if job then
    return {c.t, job}
  end
end
return false
