-- The single Redis step of an authenticated delivery, atomic:
--   1. the tenant's sliding-window rate limit (shared by all gateway replicas), then
--   2. only if the body parsed: dedup, and enqueue the job plus its dedup key; over the rate the job
--      waits in the tenant's deferred lane instead (released at the tenant's rate by release.lua),
--      and only a lane at its ceiling refuses.
-- So a 202 always means "the job is in Redis", a 429 or 503 means nothing was written, and a
-- delivery costs one round trip instead of two.
--
-- Every key it touches is in KEYS and in the queue's hash slot ({enhancement_queue}), for Redis Cluster:
-- KEYS[1] = {enhancement_queue}:webhook_rate:<tenant_id>   sorted set, one member per job let through, score = time (us)
-- KEYS[2] = {enhancement_queue}:webhook_dedup:<tenant_id>:<sha256 of body>   the first job_id, expires after the dedup window
-- KEYS[3] = the queue list (enhancement_queue, or a premium tenant's own list {enhancement_queue}:<tenant_id>)
-- KEYS[4] = {enhancement_queue}:deferred:<tenant_id>   the tenant's deferred lane (oldest at the right)
-- KEYS[5] = {enhancement_queue}:deferred_tenants   hash: tenant with deferred jobs -> its requests per window
-- ARGV[1] = requests per window, ARGV[2] = window (us), ARGV[3] = this request's unique id (its job_id)
-- ARGV[4] = job JSON, or '' when the body did not parse (rate limit only), ARGV[5] = dedup window (ms)
-- ARGV[6] = most jobs the deferred lane may hold (0: never defer), ARGV[7] = the tenant id
-- Returns {0, us until the lane has room} refused | {1, ''} nothing to enqueue | {2, job_id} enqueued
--       | {3, first job_id} repeated delivery, nothing enqueued | {4, job_id} deferred.
-- Time comes from the Redis server so replicas with skewed clocks agree.
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local ceiling = tonumber(ARGV[6])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local waiting = redis.call('LLEN', KEYS[4])
-- A tenant with a deferred backlog queues behind it, so its tickets keep their order.
if waiting == 0 and redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000))
  if ARGV[4] == '' then
    return {1, ''}
  end
  local first = redis.call('GET', KEYS[2])
  if first then
    return {3, first}
  end
  redis.call('LPUSH', KEYS[3], ARGV[4])
  redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[5])
  return {2, ARGV[3]}
end
-- Over the rate: the lane drains at `limit` jobs per window.
local function drain_us(jobs)
  return math.ceil(jobs * window / math.max(limit, 1))
end
if ARGV[4] ~= '' then
  local first = redis.call('GET', KEYS[2])
  if first then
    return {3, first}
  end
end
if waiting >= ceiling then
  return {0, tostring(drain_us(waiting - ceiling + 1))}
end
if ARGV[4] == '' then
  return {1, ''}
end
redis.call('LPUSH', KEYS[4], ARGV[4])
redis.call('HSET', KEYS[5], ARGV[7], limit)
-- The dedup key outlives the job's wait, so SDP's retry of a deferred delivery finds it.
redis.call('SET', KEYS[2], ARGV[3], 'PX', tonumber(ARGV[5]) + math.ceil(drain_us(waiting + 1) / 1000))
return {4, ARGV[3]}
