-- Moves delayed retries that are due onto their tenants' lists.
-- KEYS[1] delayed zset, KEYS[2] ring, KEYS[3] known tenants, KEYS[4] dead list
-- ARGV[1] now (ms), ARGV[2] tenant list prefix, ARGV[3] most jobs per call
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, job in ipairs(due) do
  redis.call('ZREM', KEYS[1], job)
  local t = tenant_of(job)
  if t then
    enqueue_for_tenant(ARGV[2], KEYS[2], KEYS[3], t, job, false)
  else
    redis.call('LPUSH', KEYS[4], job)
  end
end
return #due
