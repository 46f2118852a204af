package io.dataconnector.camel.component.api;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A client-side budget of calls per rolling minute: {@link #acquire()} blocks until one more call fits. The API
 * allows 60 calls per minute per client id, so staying under it avoids 429 storms.
 */
public class CallBudget {

    private static final long WINDOW_NANOS = 60_000_000_000L;

    private final int callsPerMinute;
    private final Deque<Long> recentCalls = new ArrayDeque<>();

    public CallBudget(int callsPerMinute) {
        if (callsPerMinute <= 0) {
            throw new IllegalArgumentException("callsPerMinute must be positive, was " + callsPerMinute);
        }
        this.callsPerMinute = callsPerMinute;
    }

    public void acquire() throws InterruptedException {
        while (true) {
            long waitNanos;
            synchronized (recentCalls) {
                long now = System.nanoTime();
                while (!recentCalls.isEmpty() && now - recentCalls.peekFirst() >= WINDOW_NANOS) {
                    recentCalls.pollFirst();
                }
                if (recentCalls.size() < callsPerMinute) {
                    recentCalls.addLast(now);
                    return;
                }
                waitNanos = WINDOW_NANOS - (now - recentCalls.peekFirst());
            }
            Thread.sleep(Math.max(1, waitNanos / 1_000_000));
        }
    }

    /** Calls made within the last minute. */
    public int callsInWindow() {
        synchronized (recentCalls) {
            long now = System.nanoTime();
            return (int) recentCalls.stream().filter(t -> now - t < WINDOW_NANOS).count();
        }
    }
}
