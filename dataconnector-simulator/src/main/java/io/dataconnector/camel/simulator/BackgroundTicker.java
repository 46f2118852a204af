package io.dataconnector.camel.simulator;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs a task at a fixed delay (at least 10 ms) on a daemon thread; a failing run is logged, not fatal. */
final class BackgroundTicker {

    private static final System.Logger LOG = System.getLogger(DataConnectorSimulator.class.getName());

    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("dc-sim-ticker"));

    BackgroundTicker(Duration interval, Runnable task) {
        long ms = Math.max(10, interval.toMillis());
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "simulator tick failed", e);
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    void stop() {
        executor.shutdownNow();
    }
}
