-- An operator re-queues dead jobs: each given entry leaves the dead list and its job (reset to
-- attempt 0 by the caller) joins its tenant's list.
-- KEYS[1] dead list, KEYS[2] ring, KEYS[3] known tenants, KEYS[4..] the tenants' lists
-- ARGV[1] n, the number of tenants' lists; ARGV[2..n+1] their tenants, in the order of KEYS[4..];
-- then pairs: dead entry as stored, job to enqueue
-- Returns how many were re-queued (an entry already gone is skipped).
local n = tonumber(ARGV[1])
local lists = declared_lists(4, 2, n)
local count = 0
for i = n + 2, #ARGV, 2 do
  local removed = redis.call('LREM', KEYS[1], 1, ARGV[i])
  if removed > 0 then
    local t = tenant_of(ARGV[i + 1])
    if t and lists[t] then
      enqueue_for_tenant(lists[t], KEYS[2], KEYS[3], t, ARGV[i + 1], false)
      count = count + 1
    else
      redis.call('RPUSH', KEYS[1], ARGV[i])
    end
  end
end
return count
