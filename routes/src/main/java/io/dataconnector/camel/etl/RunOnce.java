package io.dataconnector.camel.etl;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;

/**
 * The poll strategy of a run-once completed-job consumer ({@code pollStrategy=#dcEtlRunOnce} with
 * {@code repeatCount=1}): tells the launcher when the one poll has ended, after every job it emitted was loaded (the
 * ETL's route is synchronous), or with the error that failed the poll itself (e.g. the job listing).
 */
public class RunOnce implements PollingConsumerPollStrategy {

    /** The registry name the launcher binds it under. */
    public static final String NAME = "dcEtlRunOnce";

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Exception failure;

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        done.countDown();
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        failure = cause;
        done.countDown();
        return false;
    }

    /**
     * Waits for the poll to end.
     *
     * @return whether it ended within the timeout
     */
    public boolean await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return the error that failed the poll itself, or null */
    public Exception failure() {
        return failure;
    }
}
