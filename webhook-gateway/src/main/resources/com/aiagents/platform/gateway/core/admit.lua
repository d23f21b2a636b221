-- The single Redis step of an authenticated delivery, atomic:
--   1. the tenant's sliding-window rate limit (shared by all gateway replicas), then
--   2. only if admitted and the body parsed: dedup, and enqueue the job plus its dedup key.
-- So a 202 always means "the job is on the queue", a 429 or 503 means nothing was written, and
-- a delivery costs one round trip instead of two.
--
-- KEYS[1] = webhook_rate:<tenant_id>   sorted set, one member per admitted request, score = time (us)
-- KEYS[2] = webhook_dedup:<tenant_id>:<sha256 of body>   the first job_id, expires after the dedup window
-- KEYS[3] = the queue list (enhancement_queue, or a premium tenant's own list)
-- ARGV[1] = requests per window, ARGV[2] = window (us), ARGV[3] = this request's unique id (its job_id)
-- ARGV[4] = job JSON, or '' when the body did not parse (rate limit only), ARGV[5] = dedup window (ms)
-- Returns {0, us until a slot frees} | {1, ''} admitted, nothing to enqueue | {2, job_id} enqueued
--       | {3, first job_id} repeated delivery, nothing enqueued.
-- Time comes from the Redis server so replicas with skewed clocks agree (Redis >= 5 replicates
-- script effects, so TIME before a write is allowed).
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, tostring(tonumber(oldest[2]) + window - now)}
end
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
