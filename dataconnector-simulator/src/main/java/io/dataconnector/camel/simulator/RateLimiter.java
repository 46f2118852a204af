package io.dataconnector.camel.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Calls per minute per token, in a sliding window (the real API allows 60); off when the limit is &lt;= 0. */
final class RateLimiter {

    private final SimulatorSettings settings;
    private final Clock clock;
    private final Map<String, Deque<Instant>> windows = new HashMap<>();

    RateLimiter(SimulatorSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Counts a call; {@link RateLimitExceeded} (with the seconds to wait) when over the limit. */
    void acquire(String key) {
        int limit = settings.rateLimitPerMinute;
        if (limit <= 0) {
            return;
        }
        synchronized (windows) {
            Instant now = clock.instant();
            Deque<Instant> w = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
            while (!w.isEmpty() && !w.peekFirst().isAfter(now.minusSeconds(60))) {
                w.pollFirst();
            }
            if (w.size() >= limit) {
                long wait = Math.max(1, Duration.between(now, w.peekFirst().plusSeconds(60)).toSeconds() + 1);
                throw new RateLimitExceeded(wait);
            }
            w.addLast(now);
        }
    }
}
