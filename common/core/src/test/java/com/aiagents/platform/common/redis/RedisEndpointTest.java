package com.aiagents.platform.common.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which topology the variables select, and which combinations are refused at start-up. */
class RedisEndpointTest {
    private static RedisEndpoint endpoint(String url, String cluster, String master, String sentinels) {
        RedisEndpoint endpoint = new RedisEndpoint();
        endpoint.setUrl(url);
        endpoint.setClusterNodes(cluster);
        endpoint.setSentinelMaster(master);
        endpoint.setSentinels(sentinels);
        return endpoint;
    }

    @Test
    void theUrlAloneIsOneNodeTlsOrNot() {
        assertThat(endpoint("redis://127.0.0.1:6379/2", "", "", "").mode()).isEqualTo(RedisEndpoint.Mode.SINGLE);
        assertThat(endpoint("rediss://:pw@cache.example:6380/0", "", "", "").isTopologyValid()).isTrue();
    }

    @Test
    void clusterSeedsSelectClusterModeOnDatabaseZeroOnly() {
        RedisEndpoint cluster = endpoint("redis://:pw@ignored:6379/0", "10.0.0.1:6379, 10.0.0.2:6379", "", "");
        assertThat(cluster.mode()).isEqualTo(RedisEndpoint.Mode.CLUSTER);
        assertThat(cluster.isTopologyValid()).isTrue();
        assertThat(endpoint("redis://h:6379/3", "10.0.0.1:6379", "", "").isTopologyValid())
                .as("a cluster has only database 0").isFalse();
        assertThat(endpoint("redis://h:6379/0", "not-a-port", "", "").isTopologyValid()).isFalse();
    }

    @Test
    void sentinelNeedsBothItsMasterNameAndItsSentinels() {
        RedisEndpoint sentinel = endpoint("redis://h:6379/1", "", "mymaster", "10.0.0.1:26379,10.0.0.2:26379");
        assertThat(sentinel.mode()).isEqualTo(RedisEndpoint.Mode.SENTINEL);
        assertThat(sentinel.isTopologyValid()).isTrue();
        assertThat(endpoint("redis://h:6379/0", "", "mymaster", "").isTopologyValid()).isFalse();
        assertThat(endpoint("redis://h:6379/0", "", "", "10.0.0.1:26379").isTopologyValid()).isFalse();
        assertThat(endpoint("redis://h:6379/0", "10.0.0.1:6379", "mymaster", "10.0.0.1:26379").isTopologyValid())
                .as("cluster and sentinel at once").isFalse();
    }

    @Test
    void theDescriptionNeverCarriesTheUrlsPassword() {
        assertThat(endpoint("redis://:hunter2@h:6379/0", "", "", "").toString()).doesNotContain("hunter2");
    }
}
