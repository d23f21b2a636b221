-- A job found by reconciliation (docs/reconciliation.md), queued like the gateway queues a
-- webhook's: the same job document on the ingress list. Atomic with its dedup key, so passes
-- that overlap (a slow one and the next) queue a ticket's event once per dedup window.
-- KEYS[1] = {enhancement_queue}:reconcile_dedup:<tenant_id>:<event_key>   KEYS[2] = the ingress list
-- ARGV[1] = job JSON, ARGV[2] = dedup window (ms)
-- Returns 1 when queued, 0 when the same event was queued within the window.
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[2]) then
  return 0
end
redis.call('LPUSH', KEYS[2], ARGV[1])
return 1
