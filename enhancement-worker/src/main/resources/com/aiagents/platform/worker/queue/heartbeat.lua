-- Renews this worker's heartbeat, unless a reaper found it expired meanwhile and returned its jobs:
-- then the worker stays out (0) and must rejoin, which it does once none of its old claims runs.
-- KEYS[1] live workers (set), KEYS[2] this worker's heartbeat key
-- ARGV[1] worker id, ARGV[2] TTL (ms), ARGV[3] the key's value (when, for people reading Redis)
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
  return 0
end
redis.call('SET', KEYS[2], ARGV[3], 'PX', tonumber(ARGV[2]))
return 1
