-- Moves jobs from the ingress list (where the gateway LPUSHes) into per-tenant lists.
-- KEYS[1] this worker's staging list (BLMOVE put the first job there), KEYS[2] ingress,
-- KEYS[3] ring of tenants with work (zset), KEYS[4] known tenants (set), KEYS[5] dead list
-- ARGV[1] tenant list prefix ("enhancement_queue:"), ARGV[2] most jobs to take from ingress
-- Returns the number of jobs moved. Oldest jobs are at the right of every list.
local staging, ingress, ring, known, dead = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local prefix, batch = ARGV[1], tonumber(ARGV[2])
local moved = 0

local function route(job)
  local t = tenant_of(job)
  if t then
    enqueue_for_tenant(prefix, ring, known, t, job, false)
  else
    redis.call('LPUSH', dead, job)
  end
  moved = moved + 1
end

while true do
  local job = redis.call('RPOP', staging)
  if not job then break end
  route(job)
end
for _ = 1, batch do
  local job = redis.call('RPOP', ingress)
  if not job then break end
  route(job)
end
return moved
