package io.dataconnector.camel.component.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30));
    private final Instant now = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void backsOffExponentiallyWithoutRetryAfter() {
        assertThat(policy.delay(1, Optional.empty(), now)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delay(2, Optional.empty(), now)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delay(3, Optional.empty(), now)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delay(9, Optional.empty(), now)).as("capped").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void honoursRetryAfterSecondsAndDatesCapped() {
        assertThat(policy.delay(1, Optional.of("7"), now)).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.delay(1, Optional.of("Wed, 25 Nov 2026 10:00:12 GMT"), now)).isEqualTo(Duration.ofSeconds(12));
        assertThat(policy.delay(1, Optional.of("3600"), now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delay(1, Optional.of("Wed, 25 Nov 2026 09:00:00 GMT"), now)).isEqualTo(Duration.ZERO);
        assertThat(policy.delay(2, Optional.of("soon"), now)).as("unparseable: back-off").isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void retriesOnlyThrottlingAndServerErrors() {
        assertThat(RetryPolicy.isRetryable(429)).isTrue();
        assertThat(RetryPolicy.isRetryable(503)).isTrue();
        assertThat(RetryPolicy.isRetryable(500)).isTrue();
        assertThat(RetryPolicy.isRetryable(400)).isFalse();
        assertThat(RetryPolicy.isRetryable(404)).isFalse();
    }
}
