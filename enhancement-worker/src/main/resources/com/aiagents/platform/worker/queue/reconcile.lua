-- Self-repair, run now and then: every known tenant whose list holds jobs is in the ring (a
-- premium tenant's list may be filled directly by the gateway), and the in-flight counts equal
-- what the live workers' processing lists hold.
-- KEYS[1] known tenants, KEYS[2] ring, KEYS[3] in-flight counts, KEYS[4] live workers
-- ARGV[1] tenant list prefix, ARGV[2] processing prefix
-- Returns the number of tenants put back in the ring.
local known, ring, inflight, workers = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local prefix, processing_prefix = ARGV[1], ARGV[2]
local added = 0
for _, t in ipairs(redis.call('SMEMBERS', known)) do
  if redis.call('LLEN', prefix .. t) > 0 then
    added = added + redis.call('ZADD', ring, 'NX', 0, t)
  end
end
local counts = {}
for _, w in ipairs(redis.call('SMEMBERS', workers)) do
  for _, job in ipairs(redis.call('LRANGE', processing_prefix .. w, 0, -1)) do
    local t = tenant_of(job)
    if t then
      counts[t] = (counts[t] or 0) + 1
    end
  end
end
redis.call('DEL', inflight)
for t, n in pairs(counts) do
  redis.call('HSET', inflight, t, n)
end
return added
