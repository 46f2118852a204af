package io.dataconnector.camel.etl.warehouse;

import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a table load's progress at a fixed interval: one INFO line with the rows staged so far and the rate (rows/s)
 * since the load began. The clock is read only every {@value #CHECK_EVERY} rows, so counting a row costs an increment
 * and a mask; a load shorter than the interval logs nothing. One instance per load, used by the loading thread only.
 */
final class LoadProgress {

    /** Rows between two reads of the clock (a power of two). */
    static final int CHECK_EVERY = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(LoadProgress.class);

    private final String table;
    private final String fileName;
    private final long intervalNanos;
    private final long startNanos;
    private long nextNanos;
    private long rows;

    /**
     * @param table    the warehouse table
     * @param fileName the extract file being loaded
     * @param interval the time between two progress lines (zero: a line at every clock read)
     */
    LoadProgress(String table, String fileName, Duration interval) {
        this.table = table;
        this.fileName = fileName;
        this.intervalNanos = interval.toNanos();
        this.startNanos = System.nanoTime();
        this.nextNanos = startNanos + intervalNanos;
    }

    /** Counts one row staged. */
    void row() {
        if ((++rows & (CHECK_EVERY - 1)) == 0) {
            check();
        }
    }

    private void check() {
        long now = System.nanoTime();
        if (now - nextNanos >= 0) {
            nextNanos = now + intervalNanos;
            double seconds = (now - startNanos) / 1e9;
            LOG.info("Table {}: {} row(s) staged from {} in {} s ({} rows/s)", table, rows, fileName,
                    String.format(Locale.ROOT, "%.1f", seconds), rate(rows, seconds));
        }
    }

    /** @return rows per second rounded to a whole number, {@code -} when no time has passed */
    static String rate(long rows, double seconds) {
        return seconds <= 0 ? "-" : String.format(Locale.ROOT, "%.0f", rows / seconds);
    }
}
