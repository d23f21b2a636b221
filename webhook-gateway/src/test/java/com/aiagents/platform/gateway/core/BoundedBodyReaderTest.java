package com.aiagents.platform.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BoundedBodyReaderTest {
    private final BoundedBodyReader reader = new BoundedBodyReader(1024);

    @Test
    void readsABodyUpToTheLimit() {
        assertThat(reader.read(new ByteArrayInputStream(new byte[1024]), 1024)).hasSize(1024);
        assertThat(reader.read(new ByteArrayInputStream(new byte[10]), -1)).hasSize(10);
    }

    @Test
    void refusesADeclaredOversizeBodyWithoutReadingIt() {
        InputStream mustNotBeRead = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body was read although Content-Length was over the limit");
            }
        };
        assertThatThrownBy(() -> reader.read(mustNotBeRead, 1025))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> assertThat(r.outcome()).isEqualTo(WebhookOutcome.TOO_LARGE));
    }

    @Test
    void stopsReadingAnUndeclaredBodyJustPastTheLimit() {
        CountingStream endless = new CountingStream();
        assertThatThrownBy(() -> reader.read(endless, -1))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> assertThat(r.outcome()).isEqualTo(WebhookOutcome.TOO_LARGE));
        assertThat(endless.served).isEqualTo(1025);
    }

    @Test
    void aBodyLongerThanItsContentLengthClaimIsStillCutOff() {
        CountingStream endless = new CountingStream();
        assertThatThrownBy(() -> reader.read(endless, 10)).isInstanceOf(WebhookRejection.class);
        assertThat(endless.served).isEqualTo(1025);
    }

    /** An endless body that counts how many bytes were taken from it. */
    private static final class CountingStream extends InputStream {
        private long served;

        @Override
        public int read() {
            served++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            served += len;
            return len;
        }
    }
}
