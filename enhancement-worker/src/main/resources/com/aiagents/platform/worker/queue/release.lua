-- Gives an unfinished job back (graceful shutdown): to the front of its tenant's list, without
-- its claim and without counting an attempt (nothing went wrong with it).
-- KEYS[1] processing list, KEYS[2] in-flight counts, KEYS[3] ring, KEYS[4] known tenants,
-- KEYS[5] the tenant's list
-- ARGV[1] job, ARGV[2] tenant
local removed = redis.call('LREM', KEYS[1], 1, ARGV[1])
if removed > 0 then
  release_slot(KEYS[2], ARGV[2])
  local job = ARGV[1]
  local ok, decoded = pcall(cjson.decode, job)
  if ok and type(decoded) == 'table' then
    job = cjson.encode(unclaimed(decoded))
  end
  enqueue_for_tenant(KEYS[5], KEYS[3], KEYS[4], ARGV[2], job, true)
end
return removed
