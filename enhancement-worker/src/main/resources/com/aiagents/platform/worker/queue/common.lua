-- Shared helpers, prepended to every script of this folder (RedisScripts joins them).
-- A tenant id as docs/api/README.md defines it, minus the names the queue's own keys use.
local RESERVED = {dead = true, processing = true, delayed = true, workers = true, tenants = true,
                  inflight = true, dispatch = true, heartbeat = true}

local function valid_tenant(t)
  return type(t) == 'string' and #t >= 1 and #t <= 50 and t:match('^[a-z0-9][a-z0-9%-]*$') ~= nil
      and t:sub(-1) ~= '-' and not RESERVED[t]
end

-- The tenant a job JSON names, or nil when the job is unreadable (it then goes to the dead list).
local function tenant_of(job)
  local ok, decoded = pcall(cjson.decode, job)
  if ok and type(decoded) == 'table' and valid_tenant(decoded['tenant_id']) then
    return decoded['tenant_id']
  end
  return nil
end

-- One job fewer in flight for tenant t; the field disappears at zero so the hash stays small.
local function release_slot(inflight, t)
  local n = redis.call('HINCRBY', inflight, t, -1)
  if n <= 0 then
    redis.call('HDEL', inflight, t)
  end
end

-- The tenant lists the caller declared: KEYS[first_key + i] is tenant ARGV[first_arg + i]'s list,
-- for i in 0..count-1. A script routes a job only to a declared list (every key it touches is in
-- KEYS, as Redis Cluster requires); a job whose tenant's list was not declared waits for a later
-- call, whose caller will have seen it.
local function declared_lists(first_key, first_arg, count)
  local lists = {}
  for i = 0, count - 1 do
    lists[ARGV[first_arg + i]] = KEYS[first_key + i]
  end
  return lists
end

-- Whether every job of a list can be routed: its tenant's list is declared, or it is unreadable
-- (it then goes to the dead list).
local function all_routable(jobs, lists)
  for _, job in ipairs(jobs) do
    local t = tenant_of(job)
    if t and not lists[t] then
      return false
    end
  end
  return true
end

-- Put a job on its tenant's list (key: list) and mark the tenant as having work. at_front: served next.
local function enqueue_for_tenant(list, ring, known, t, job, at_front)
  if at_front then
    redis.call('RPUSH', list, job)
  else
    redis.call('LPUSH', list, job)
  end
  redis.call('ZADD', ring, 'NX', 0, t)
  redis.call('SADD', known, t)
end

-- The fields a claim adds to a job while a worker holds it (see claim.lua).
local function unclaimed(decoded)
  decoded['claim_token'] = nil
  decoded['deadline_at'] = nil
  return decoded
end

-- A job taken back from a worker that did not finish it (it died: crashed = true; or it overran
-- the job's deadline). The attempt counts, and a death also counts as a reap, here in the same
-- step that takes the job back, so a job that kills every worker cannot loop across the fleet.
-- Returns the job to queue again, or nil and the dead-letter entry (with dead_reason = reason).
local function count_lost_attempt(job, crashed, max_attempts, max_reaps, reason, now_iso)
  local ok, decoded = pcall(cjson.decode, job)
  if not ok or type(decoded) ~= 'table' then
    return nil, job
  end
  unclaimed(decoded)
  decoded['attempt'] = (tonumber(decoded['attempt']) or 0) + 1
  if crashed then
    decoded['reaps'] = (tonumber(decoded['reaps']) or 0) + 1
  end
  if decoded['attempt'] >= max_attempts or (crashed and decoded['reaps'] >= max_reaps) then
    decoded['dead_reason'] = reason
    decoded['dead_at'] = now_iso
    return nil, cjson.encode(decoded)
  end
  return cjson.encode(decoded), nil
end

-- Redis' clock in milliseconds: the same for every worker, whatever their own clocks say.
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
