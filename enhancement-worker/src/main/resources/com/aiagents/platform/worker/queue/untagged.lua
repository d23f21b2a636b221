-- Moves what the queue left under its names from before the {enhancement_queue} hash tag
-- (enhancement_queue:dead ...) to the tagged names, so an upgrade strands no job. Idempotent: run
-- at every worker's start and with every reconcile; a no-op once the old names are gone. Runs on one
-- node (or Sentinel), where the old names can exist (they never worked on Redis Cluster).
-- Old workers still alive (a rolling upgrade) keep their processing lists until they stop; the
-- claim counter is carried over first, so a moved job's next claim token is above its old ones.
-- KEYS[1] old dead, KEYS[2] dead, KEYS[3] old delayed, KEYS[4] delayed, KEYS[5] old claim counter,
-- KEYS[6] claim counter, KEYS[7] ingress, KEYS[8] old workers, KEYS[9] old known tenants,
-- KEYS[10] old ring, KEYS[11] old in-flight counts, KEYS[12] old serve sequence, then per old
-- worker: its old heartbeat, processing and staging keys; then the old tenants' lists
-- ARGV[1] w, the number of old workers; ARGV[2..w+1] the old workers; ARGV[w+2..] the old tenants
-- Returns {jobs moved, old workers still alive}.
local w = tonumber(ARGV[1])
local moved = 0

-- newest first from the old list onto the old end of the new one: the order is kept
local function drain(from, to)
  while true do
    local job = redis.call('LPOP', from)
    if not job then break end
    redis.call('RPUSH', to, job)
    moved = moved + 1
  end
end

local old_claims = tonumber(redis.call('GET', KEYS[5]) or '0')
if old_claims > tonumber(redis.call('GET', KEYS[6]) or '0') then
  redis.call('SET', KEYS[6], old_claims)
end
drain(KEYS[1], KEYS[2])
local delayed = redis.call('ZRANGE', KEYS[3], 0, -1, 'WITHSCORES')
for i = 1, #delayed, 2 do
  redis.call('ZADD', KEYS[4], delayed[i + 1], delayed[i])
  moved = moved + 1
end
redis.call('DEL', KEYS[3])
for i = w + 2, #ARGV do
  drain(KEYS[i + 2 * w + 11], KEYS[7])
  redis.call('SREM', KEYS[9], ARGV[i])
end
local alive = 0
for i = 0, w - 1 do
  if redis.call('EXISTS', KEYS[13 + 3 * i]) == 1 then
    alive = alive + 1
  else
    drain(KEYS[14 + 3 * i], KEYS[7])
    drain(KEYS[15 + 3 * i], KEYS[7])
    redis.call('SREM', KEYS[8], ARGV[2 + i])
  end
end
if alive == 0 then
  redis.call('DEL', KEYS[5], KEYS[10], KEYS[11], KEYS[12])
end
return {moved, alive}
