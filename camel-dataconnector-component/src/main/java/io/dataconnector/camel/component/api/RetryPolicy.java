package io.dataconnector.camel.component.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When and how long to wait before retrying a call the API answered with 429 or 5xx: {@code Retry-After} (seconds or
 * an HTTP date) when the server gives it, exponential back-off otherwise, each wait capped, a bounded number of
 * retries.
 */
public class RetryPolicy {

    private final int maxRetries;
    private final Duration baseDelay;
    private final Duration maxDelay;

    public RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay) {
        this.maxRetries = maxRetries;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
    }

    public int maxRetries() {
        return maxRetries;
    }

    /** The upper bound of one wait; a Retry-After beyond it is not waited for. */
    public Duration maxDelay() {
        return maxDelay;
    }

    public static boolean isRetryable(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    /**
     * Statuses after which the server may have carried the call out (an internal error, or a gateway that gave up
     * waiting for it). 429 and 503 refuse the call before it is carried out.
     */
    public static boolean isAmbiguous(int status) {
        return status == 500 || status == 502 || status == 504;
    }

    /** The wait a {@code Retry-After} header asks for (seconds or an HTTP date), uncapped; empty when absent or unreadable. */
    public Optional<Duration> retryAfter(Optional<String> retryAfter, Instant now) {
        return retryAfter.flatMap(value -> parseRetryAfter(value, now));
    }

    /** The wait before retry number {@code attempt} (1-based). */
    public Duration delay(int attempt, Optional<String> retryAfter, Instant now) {
        Duration wanted = retryAfter.flatMap(value -> parseRetryAfter(value, now))
                .orElseGet(() -> baseDelay.multipliedBy(1L << Math.min(attempt - 1, 20)));
        return wanted.compareTo(maxDelay) > 0 ? maxDelay : wanted;
    }

    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String trimmed = value.trim();
        try {
            long seconds = Long.parseLong(trimmed);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration until = Duration.between(now, at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
