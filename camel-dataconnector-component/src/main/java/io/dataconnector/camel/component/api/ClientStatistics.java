package io.dataconnector.camel.component.api;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one API client since it was created: calls sent, retries, and 429 answers. Thread-safe. */
public final class ClientStatistics {

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();

    void callSent() {
        calls.incrementAndGet();
    }

    void retried() {
        retries.incrementAndGet();
    }

    void throttled() {
        throttled.incrementAndGet();
    }

    /** Requests sent to the API or a storage host (each retry counts). */
    public long getCalls() {
        return calls.get();
    }

    /** Calls sent again after a 429, a 5xx or an I/O failure. */
    public long getRetries() {
        return retries.get();
    }

    /** Answers with HTTP 429 (too many requests). */
    public long getThrottled() {
        return throttled.get();
    }
}
