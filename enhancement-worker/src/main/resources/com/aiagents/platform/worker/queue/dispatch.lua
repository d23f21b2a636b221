-- Moves jobs from the ingress list (where the gateway LPUSHes) into per-tenant lists.
-- The caller read this worker's staging list and the oldest jobs of ingress and declared their
-- tenants' lists; a job of another tenant (ingress moved meanwhile) stops the call, left where it
-- was for the next one.
-- KEYS[1] this worker's staging list (BLMOVE put the first job there), KEYS[2] ingress,
-- KEYS[3] ring of tenants with work (zset), KEYS[4] known tenants (set), KEYS[5] dead list,
-- KEYS[6..] tenants' lists
-- ARGV[1] most jobs to take from ingress, ARGV[2..] the tenants whose lists KEYS[6..] are
-- Returns the number of jobs moved. Oldest jobs are at the right of every list.
local staging, ingress, ring, known, dead = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local batch = tonumber(ARGV[1])
local lists = declared_lists(6, 2, #ARGV - 1)
local moved = 0

-- Routes one job; false (and nothing done) when its tenant's list was not declared.
local function route(job)
  local t = tenant_of(job)
  if t then
    if not lists[t] then
      return false
    end
    enqueue_for_tenant(lists[t], ring, known, t, job, false)
  else
    redis.call('LPUSH', dead, job)
  end
  moved = moved + 1
  return true
end

while true do
  local job = redis.call('RPOP', staging)
  if not job then break end
  if not route(job) then
    redis.call('RPUSH', staging, job)
    return moved
  end
end
for _ = 1, batch do
  local job = redis.call('RPOP', ingress)
  if not job then break end
  if not route(job) then
    redis.call('RPUSH', ingress, job)
    break
  end
end
return moved
