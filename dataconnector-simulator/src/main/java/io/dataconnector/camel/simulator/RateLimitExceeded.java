package io.dataconnector.camel.simulator;

/** Answered as 429 with a Retry-After header. */
final class RateLimitExceeded extends RuntimeException {

    final long retryAfterSeconds;

    RateLimitExceeded(long retryAfterSeconds) {
        super("Rate limit exceeded", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }
}
