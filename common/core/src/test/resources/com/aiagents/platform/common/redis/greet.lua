redis.call('SET', KEYS[1], greeting(ARGV[1]))
return redis.call('GET', KEYS[1])
