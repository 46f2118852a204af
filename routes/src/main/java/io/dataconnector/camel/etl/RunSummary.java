package io.dataconnector.camel.etl;

import io.dataconnector.camel.etl.warehouse.LoadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The outcome of the loads since the start (or the last {@link #reset()}): printed by run-once and sandbox modes. */
public class RunSummary {

    private final List<LoadResult> results = new ArrayList<>();

    public synchronized void add(LoadResult result) {
        results.add(result);
    }

    public synchronized List<LoadResult> results() {
        return List.copyOf(results);
    }

    public synchronized void reset() {
        results.clear();
    }

    public synchronized boolean isSuccess() {
        return results.stream().noneMatch(LoadResult::isFailure);
    }

    public synchronized long loadedTables() {
        return results.stream().filter(r -> r.status() == LoadResult.Status.LOADED).count();
    }

    public synchronized long failures() {
        return results.stream().filter(LoadResult::isFailure).count();
    }

    /**
     * @return a table: job, table, rows, seconds, rows per second (of a loaded table, else blank), status (loaded, failed, refused, gone, quarantined, skipped), the
     *         error of failures and of skipped entries, and the totals
     */
    public synchronized String format() {
        StringBuilder sb = new StringBuilder();
        int tableWidth = Math.max(32, results.stream().mapToInt(r -> tableLabel(r).length()).max().orElse(0));
        String header = "%-36s  %-" + tableWidth + "s %10s %8s %10s  %-8s %s%n";
        String row = "%-36s  %-" + tableWidth + "s %10d %8.2f %10s  %-8s %s%n";
        sb.append(String.format(Locale.ROOT, header, "JOB", "TABLE", "ROWS", "SECONDS", "ROWS/S", "MODE", "STATUS"));
        for (LoadResult r : results) {
            sb.append(String.format(Locale.ROOT, row, r.jobId(), tableLabel(r), r.rows(), r.seconds(), rate(r),
                    r.mode() == null ? "" : r.mode().label(),
                    r.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (r.windowStart() != null ? " window " + r.windowStart() + " .. " + r.windowEnd() : "")));
            if (r.error() != null && (r.isFailure() || r.status() == LoadResult.Status.MISSING
                                    || r.status() == LoadResult.Status.SKIPPED)) {
                sb.append("      error: ").append(r.error()).append(System.lineSeparator());
            }
            for (String w : r.warnings()) {
                sb.append("      warning: ").append(w).append(System.lineSeparator());
            }
        }
        long rows = results.stream().filter(r -> r.status() == LoadResult.Status.LOADED).mapToLong(LoadResult::rows)
                .sum();
        long skipped = results.stream().filter(r -> r.status() == LoadResult.Status.SKIPPED).count();
        sb.append(String.format(Locale.ROOT, "%d table(s) loaded (%d rows), %d failed%s%n", loadedTables(), rows,
                failures(), skipped == 0 ? "" : ", " + skipped + " skipped (gone or quarantined in an earlier run; "
                                                 + "re-arm with etl.rearm)"));
        return sb.toString();
    }

    private static String tableLabel(LoadResult r) {
        return r.table() != null ? r.table() : "(" + r.fileName() + ")";
    }

    /** Rows per second of a loaded table, rounded; blank for anything else or a load too short to time. */
    private static String rate(LoadResult r) {
        double s = r.seconds();
        return r.status() != LoadResult.Status.LOADED || s <= 0 ? "" : String.format(Locale.ROOT, "%.0f", r.rows() / s);
    }
}
