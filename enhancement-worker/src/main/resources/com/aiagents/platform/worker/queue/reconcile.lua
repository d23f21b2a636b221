-- Self-repair, run now and then: every known tenant whose list holds jobs is in the ring (a
-- premium tenant's list may be filled directly by the gateway), and the in-flight counts equal
-- what the live workers' processing lists hold.
-- The caller read the known tenants and the live workers and declares their lists; when the live
-- workers changed since (one joined or was reaped), nothing is recounted and -1 asks it to read again.
-- KEYS[1] known tenants, KEYS[2] ring, KEYS[3] in-flight counts, KEYS[4] live workers,
-- KEYS[5..w+4] the workers' processing lists, KEYS[w+5..] the tenants' lists
-- ARGV[1] w, the number of workers; ARGV[2..w+1] the workers; ARGV[w+2..] the tenants
-- Returns the number of tenants put back in the ring, or -1.
local known, ring, inflight, workers = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local w = tonumber(ARGV[1])
if redis.call('SCARD', workers) ~= w then
  return -1
end
for i = 2, w + 1 do
  if redis.call('SISMEMBER', workers, ARGV[i]) == 0 then
    return -1
  end
end
local added = 0
for i = w + 2, #ARGV do
  local t = ARGV[i]
  if redis.call('LLEN', KEYS[i + 3]) > 0 then
    added = added + redis.call('ZADD', ring, 'NX', 0, t)
  end
end
local counts = {}
for i = 5, w + 4 do
  for _, job in ipairs(redis.call('LRANGE', KEYS[i], 0, -1)) do
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
