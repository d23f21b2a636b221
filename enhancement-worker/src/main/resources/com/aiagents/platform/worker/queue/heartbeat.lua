-- Renews this worker's heartbeat, unless a reaper found it expired meanwhile and returned its jobs:
-- then the worker stays out (0) and must rejoin. The heartbeat keeps the worker alive, never a job
-- past its deadline: while a job this worker holds is overdue the key is not renewed and the
-- overdue jobs are named (2, jobs...), for the worker to give them back (overdue.lua) and beat
-- again; a worker that cannot give them back lets its heartbeat lapse and is reaped.
-- KEYS[1] live workers (set), KEYS[2] this worker's heartbeat key, KEYS[3] its processing list
-- ARGV[1] worker id, ARGV[2] TTL (ms), ARGV[3] the key's value (when, for people reading Redis)
-- Returns {0} | {1} renewed | {2, overdue job, ...}.
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
  return {0}
end
local now = now_ms()
local overdue = {2}
for _, job in ipairs(redis.call('LRANGE', KEYS[3], 0, -1)) do
  local ok, decoded = pcall(cjson.decode, job)
  if ok and type(decoded) == 'table' and tonumber(decoded['deadline_at']) and tonumber(decoded['deadline_at']) <= now then
    overdue[#overdue + 1] = job
  end
end
if #overdue > 1 then
  return overdue
end
redis.call('SET', KEYS[2], ARGV[3], 'PX', tonumber(ARGV[2]))
return {1}
