package io.dataconnector.camel.component.api;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A client-side budget of calls per rolling minute: {@link #acquire()} blocks until one more call fits. The API
 * allows 60 calls per minute per client id, so staying under it avoids 429 storms.
 */
public class CallBudget {

    private final int callsPerWindow;
    private final long windowNanos;
    private final Deque<Long> recentCalls = new ArrayDeque<>();

    public CallBudget(int callsPerMinute) {
        this(callsPerMinute, Duration.ofMinutes(1));
    }

    public CallBudget(int callsPerWindow, Duration window) {
        if (callsPerWindow <= 0) {
            throw new IllegalArgumentException("callsPerMinute must be positive, was " + callsPerWindow);
        }
        this.callsPerWindow = callsPerWindow;
        this.windowNanos = window.toNanos();
    }

    public void acquire() throws InterruptedException {
        while (true) {
            long waitNanos;
            synchronized (recentCalls) {
                long now = System.nanoTime();
                while (!recentCalls.isEmpty() && now - recentCalls.peekFirst() >= windowNanos) {
                    recentCalls.pollFirst();
                }
                if (recentCalls.size() < callsPerWindow) {
                    recentCalls.addLast(now);
                    return;
                }
                waitNanos = windowNanos - (now - recentCalls.peekFirst());
            }
            Thread.sleep(Math.max(1, waitNanos / 1_000_000));
        }
    }

    /** The number of calls allowed per window. */
    public int callsPerWindow() {
        return callsPerWindow;
    }

    /** Calls made within the current window. */
    public int callsInWindow() {
        synchronized (recentCalls) {
            long now = System.nanoTime();
            return (int) recentCalls.stream().filter(t -> now - t < windowNanos).count();
        }
    }
}
