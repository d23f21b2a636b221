-- Moves delayed retries that are due onto their tenants' lists (a due job whose tenant's list the
-- caller did not declare stays for the next call).
-- KEYS[1] delayed zset, KEYS[2] ring, KEYS[3] known tenants, KEYS[4] dead list, KEYS[5..] tenants' lists
-- ARGV[1] now (ms), ARGV[2] most jobs per call, ARGV[3..] the tenants whose lists KEYS[5..] are
-- Returns the number of jobs moved.
local lists = declared_lists(5, 3, #ARGV - 2)
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local moved = 0
for _, job in ipairs(due) do
  local t = tenant_of(job)
  if not t then
    redis.call('ZREM', KEYS[1], job)
    redis.call('LPUSH', KEYS[4], job)
    moved = moved + 1
  elseif lists[t] then
    redis.call('ZREM', KEYS[1], job)
    enqueue_for_tenant(lists[t], KEYS[2], KEYS[3], t, job, false)
    moved = moved + 1
  end
end
return moved
