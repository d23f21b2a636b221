package com.aiagents.platform.common.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestLogRedactionTest {
    @Test
    void secretBearingParametersAreRedactedAndTheRestKept() {
        assertThat(RequestLogRedaction.redact("GET /v1/tenants?access_token=abc123&limit=5 HTTP/1.1"))
                .isEqualTo("GET /v1/tenants?access_token=REDACTED&limit=5 HTTP/1.1");
        assertThat(RequestLogRedaction.redact("POST /x?tenant_id=acme&api_key=k1&token=t2&client_secret=s3&Refresh_Token=r4 HTTP/1.1"))
                .isEqualTo("POST /x?tenant_id=acme&api_key=REDACTED&token=REDACTED&client_secret=REDACTED&Refresh_Token=REDACTED HTTP/1.1");
        // an encoded name is still recognised
        assertThat(RequestLogRedaction.redact("access%5Ftoken=abc")).isEqualTo("access%5Ftoken=REDACTED");
    }

    @Test
    void linesWithoutSecretsAreUnchanged() {
        assertThat(RequestLogRedaction.redact("GET /v1/tenants?status=active&limit=500&offset=0 HTTP/1.1"))
                .isEqualTo("GET /v1/tenants?status=active&limit=500&offset=0 HTTP/1.1");
        assertThat(RequestLogRedaction.redact("GET /healthcheck HTTP/1.1")).isEqualTo("GET /healthcheck HTTP/1.1");
        assertThat(RequestLogRedaction.redact(null)).isNull();
    }
}
