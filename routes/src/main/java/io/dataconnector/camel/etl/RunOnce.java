package io.dataconnector.camel.etl;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll strategy of a run-once completed-job consumer ({@code pollStrategy=#dcEtlRunOnce} with
 * {@code repeatCount=1}): tells the launcher when the one poll has ended, after every job it emitted was loaded (the
 * ETL's route is synchronous), or with the error that failed the poll itself (e.g. the job listing).
 * <p>
 * As the poll begins, just before the first API call (the job listing), it logs the launcher's boot time at INFO:
 * {@code Boot: first poll <N> ms after the JVM started (CPU <S> s)}, the wall time since the process started and the
 * process's CPU time (user + system, all threads) so far; the CPU part is omitted where the OS does not report it.
 */
public class RunOnce implements PollingConsumerPollStrategy {

    /** The registry name the launcher binds it under. */
    public static final String NAME = "dcEtlRunOnce";

    private static final Logger LOG = LoggerFactory.getLogger(RunOnce.class);

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Exception failure;
    private volatile boolean begun;

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        if (!begun) {
            begun = true;
            logBoot();
        }
        return true;
    }

    private static void logBoot() {
        ProcessHandle.Info self = ProcessHandle.current().info();
        self.startInstant().ifPresent(start -> {
            long ms = Duration.between(start, java.time.Instant.now()).toMillis();
            String cpu = self.totalCpuDuration().map(d -> String.format(java.util.Locale.ROOT, " (CPU %.2f s)",
                    d.toNanos() / 1e9)).orElse("");
            LOG.info("Boot: first poll {} ms after the JVM started{}", ms, cpu);
        });
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
