package com.aiagents.platform.worker.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.testing.TestRedisExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** The import lock on a real Redis: only its owner renews or releases it. */
class TenantRunLockTest {
    @RegisterExtension
    static TestRedisExtension redis = new TestRedisExtension();

    private static final TenantId TENANT = TenantId.of("acme-corp");
    private static final String KEY = TenantRunLock.IMPORT_PREFIX + "acme-corp";
    private UnifiedJedis pool;

    @BeforeEach
    void setUp() {
        redis.get().flush();
        pool = RedisClient.create(redis.get().url());
    }

    @AfterEach
    void tearDown() {
        pool.close();
    }

    @Test
    void onlyOneImportHoldsTheLockAndItsOwnerRenewsIt() {
        TenantRunLock mine = new TenantRunLock(pool, TenantRunLock.IMPORT_PREFIX, "worker-a", Duration.ofMinutes(2));
        TenantRunLock theirs = new TenantRunLock(pool, TenantRunLock.IMPORT_PREFIX, "worker-b", Duration.ofMinutes(2));
        assertThat(mine.acquire(TENANT)).isTrue();
        assertThat(theirs.acquire(TENANT)).isFalse();
        assertThat(theirs.isTaken(TENANT)).isTrue();
        assertThat(theirs.extend(TENANT)).isFalse();
        pool.pexpire(KEY, 1000);
        assertThat(mine.extend(TENANT)).isTrue();
        assertThat(pool.pttl(KEY)).isGreaterThan(60_000);
        assertThat(pool.get(KEY)).isEqualTo("worker-a");
    }

    @Test
    void aLockTakenOverIsNeitherRenewedNorReleasedByItsFormerOwner() {
        TenantRunLock mine = new TenantRunLock(pool, TenantRunLock.IMPORT_PREFIX, "worker-a", Duration.ofMinutes(2));
        assertThat(mine.acquire(TENANT)).isTrue();
        // our lease ran out during a slow page and another worker's import took the lock
        pool.set(KEY, "worker-b");
        assertThat(mine.extend(TENANT)).isFalse();
        mine.release(TENANT);
        assertThat(pool.get(KEY)).isEqualTo("worker-b");

        pool.del(KEY); // expired, nobody took it: still not ours to renew
        assertThat(mine.extend(TENANT)).isFalse();
        assertThat(pool.exists(KEY)).isFalse();
    }

    @Test
    void theOwnerReleasesItsLock() {
        TenantRunLock mine = new TenantRunLock(pool, TenantRunLock.IMPORT_PREFIX, "worker-a", Duration.ofMinutes(2));
        assertThat(mine.acquire(TENANT)).isTrue();
        mine.release(TENANT);
        assertThat(mine.isTaken(TENANT)).isFalse();
        assertThat(new TenantRunLock(pool, TenantRunLock.IMPORT_PREFIX, "worker-b", Duration.ofMinutes(2)).acquire(TENANT)).isTrue();
    }
}
