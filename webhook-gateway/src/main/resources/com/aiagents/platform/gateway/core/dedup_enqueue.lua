-- Dedup and durable enqueue in one atomic step: either the job is on the queue AND the dedup key
-- names it, or nothing was written.
-- KEYS[1] = webhook_dedup:<tenant_id>:<sha256 of body>, KEYS[2] = the queue list
-- ARGV[1] = job JSON, ARGV[2] = job_id, ARGV[3] = dedup window in milliseconds
-- Returns {1, job_id} when enqueued, {0, first job_id} for a repeated delivery.
local first = redis.call('GET', KEYS[1])
if first then
  return {0, first}
end
redis.call('LPUSH', KEYS[2], ARGV[1])
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return {1, ARGV[2]}
