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

-- Put a job on its tenant's list and mark the tenant as having work. at_front: served next.
local function enqueue_for_tenant(prefix, ring, known, t, job, at_front)
  if at_front then
    redis.call('RPUSH', prefix .. t, job)
  else
    redis.call('LPUSH', prefix .. t, job)
  end
  redis.call('ZADD', ring, 'NX', 0, t)
  redis.call('SADD', known, t)
end
