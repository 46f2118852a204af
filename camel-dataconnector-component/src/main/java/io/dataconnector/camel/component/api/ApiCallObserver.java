package io.dataconnector.camel.component.api;

import java.time.Duration;

/**
 * Told about every call a {@link DataConnectorClient} makes, e.g. to count them in metrics. Methods are called on the
 * calling thread and must not throw nor block.
 */
public interface ApiCallObserver {

    /** Observes nothing. */
    ApiCallObserver NONE = new ApiCallObserver() {
    };

    /**
     * One answer to one call, retries included.
     *
     * @param operation the operation, e.g. {@code listJobs}; {@code downloadJobFile} for the storage host
     * @param status    the HTTP status, or 0 when the call failed on I/O (no answer)
     */
    default void answered(String operation, int status) {
    }

    /**
     * A call is about to be sent again after this wait.
     *
     * @param wait       how long the client waits before the retry
     * @param retryAfter true when the server's {@code Retry-After} set the wait, false for the client's own back-off
     */
    default void retrying(String operation, Duration wait, boolean retryAfter) {
    }

    /** Bytes of an extract file read from its signed URL (called as they are read). */
    default void downloaded(long bytes) {
    }
}
