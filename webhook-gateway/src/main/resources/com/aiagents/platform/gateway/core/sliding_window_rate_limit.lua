-- Sliding-window log rate limit, shared by every gateway replica (CONTRACT section 4).
-- KEYS[1] = webhook_rate:<tenant_id>  (sorted set: one member per admitted request, scored by time)
-- ARGV[1] = limit (requests per window), ARGV[2] = window in microseconds, ARGV[3] = unique member
-- Returns {1, 0} when admitted, {0, microseconds until the oldest admitted request leaves the window}.
-- Time comes from the Redis server so replicas with skewed clocks still agree (Redis >= 5 replicates
-- the effects of a script, so calling TIME before writing is allowed).
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) < limit then
  redis.call('ZADD', key, now, ARGV[3])
  redis.call('PEXPIRE', key, math.ceil(window / 1000))
  return {1, 0}
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return {0, tonumber(oldest[2]) + window - now}
