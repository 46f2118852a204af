package io.dataconnector.camel.etl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll strategy of the run-once completed-job consumers ({@code pollStrategy=#dcEtlRunOnce} with
 * {@code repeatCount=1}), shared by every template instance (one per account): tells the launcher when each of them
 * has ended its one poll, after every job it emitted was loaded (the ETL's route is synchronous), or with the error
 * that failed the poll itself (e.g. the job listing).
 * <p>
 * As the first poll begins, just before the first API call (the job listing), it logs the launcher's boot time at
 * INFO: {@code Boot: first poll <N> ms after the JVM started (CPU <S> s)}, the wall time since the process started
 * and the process's CPU time (user + system, all threads) so far; the CPU part is omitted where the OS does not
 * report it.
 */
public class RunOnce implements PollingConsumerPollStrategy {

    /** The registry name the launcher binds it under. */
    public static final String NAME = "dcEtlRunOnce";

    private static final Logger LOG = LoggerFactory.getLogger(RunOnce.class);

    private volatile boolean begun;
    /** consumer → the error that failed its poll, or null: the consumers whose one poll has ended */
    private final Map<Consumer, Exception> ended = new LinkedHashMap<>();

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        if (!begun) {
            begun = true;
            logBoot();
        }
        return true;
    }

    private static void logBoot() {
        // the JVM's own start, not the process's: a shell that execs java (bash -c '… && java …') would count
        long ms = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        String cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> String.format(java.util.Locale.ROOT,
                " (CPU %.2f s)", d.toNanos() / 1e9)).orElse("");
        LOG.info("Boot: first poll {} ms after the JVM started{}", ms, cpu);
    }

    @Override
    public synchronized void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        ended.putIfAbsent(consumer, null);
        notifyAll();
    }

    @Override
    public synchronized boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        ended.put(consumer, cause);
        notifyAll();
        return false;
    }

    /**
     * Waits until every consumer of the context that polls with this strategy has ended its poll.
     *
     * @return whether they all ended within the timeout (false too when no route of the context polls with it)
     */
    public boolean await(CamelContext context, Duration timeout) throws InterruptedException {
        List<Consumer> consumers = consumers(context);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!consumers.isEmpty() && !ended.keySet().containsAll(consumers)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
        return !consumers.isEmpty();
    }

    /** @return the number of consumers of the context that poll with this strategy */
    public int pollers(CamelContext context) {
        return consumers(context).size();
    }

    /** @return route id → the error that failed that route's poll itself, for each poll that failed (empty: none) */
    public synchronized Map<String, Exception> failures(CamelContext context) {
        Map<String, Exception> out = new LinkedHashMap<>();
        for (Route route : context.getRoutes()) {
            Exception e = ended.get(route.getConsumer());
            if (e != null) {
                out.put(route.getRouteId(), e);
            }
        }
        return out;
    }

    private List<Consumer> consumers(CamelContext context) {
        List<Consumer> out = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            if (route.getConsumer() instanceof ScheduledPollConsumer c && c.getPollStrategy() == this) {
                out.add(c);
            }
        }
        return out;
    }
}
