package io.dataconnector.camel.etl.warehouse;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The outcome of loading one extract file (or of a job-level step that failed before any table could load, with
 * {@code table} null).
 *
 * @param rows        rows read from the file (for a window: the window's rows)
 * @param bytes       the file's size in bytes
 * @param mode        how the table was loaded, null when nothing was loaded
 * @param windowStart the earliest event time of a window's rows (UTC), or null
 * @param windowEnd   the latest event time of a window's rows (UTC), or null
 * @param warnings    what the load changed to keep the table (e.g. a widened column), one line each
 */
public record LoadResult(String jobId, String requestId, String fileName, String table, Status status, long rows,
                         long bytes, Instant startedAt, Instant finishedAt, String error, LoadMode mode,
                         LocalDateTime windowStart, LocalDateTime windowEnd, List<String> warnings) {

    public enum Status {
        /** the table now holds this file's snapshot, or this file's window merged in */
        LOADED,
        /** this (job, file) was already loaded: nothing done */
        ALREADY_LOADED,
        /** a newer job's snapshot of the table is already loaded: nothing done */
        SUPERSEDED,
        /** listed in the data listing but neither in the ZIP nor fetchable on its own: skipped, never retried */
        MISSING,
        /** the load failed; the table keeps its previous content; a later run tries again */
        FAILED,
        /** an extract file or ZIP entry that can never be a table (unsafe or invalid name), recorded, never retried */
        REFUSED,
        /** the job's data listing answered 404: its extract no longer exists; recorded, never retried */
        GONE,
        /** failed for the {@code etl.max-attempts}-th time: recorded, skipped until re-armed */
        QUARANTINED,
        /** nothing done: a terminal state (gone, quarantined) recorded by an earlier run; see the error */
        SKIPPED
    }

    public LoadResult {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A result without mode, window or warnings. */
    public LoadResult(String jobId, String requestId, String fileName, String table, Status status, long rows,
                      long bytes, Instant startedAt, Instant finishedAt, String error) {
        this(jobId, requestId, fileName, table, status, rows, bytes, startedAt, finishedAt, error, null, null, null,
                List.of());
    }

    /** @return whether this run did not load what it should have (failed now, or settled as refused/gone/quarantined) */
    public boolean isFailure() {
        return status == Status.FAILED || status == Status.REFUSED || status == Status.GONE
               || status == Status.QUARANTINED;
    }

    /** @return a copy with another status and error (e.g. a failure that reached its attempts limit) */
    public LoadResult with(Status newStatus, String newError) {
        return new LoadResult(jobId, requestId, fileName, table, newStatus, rows, bytes, startedAt, finishedAt,
                newError, mode, windowStart, windowEnd, warnings);
    }

    public double seconds() {
        if (startedAt == null || finishedAt == null) {
            return 0;
        }
        return Duration.between(startedAt, finishedAt).toMillis() / 1000.0;
    }

    /** A job-level failure (listing, download, unzip) affecting every table of the job. */
    public static LoadResult jobFailure(String jobId, String requestId, String fileName, Instant startedAt, String error) {
        return new LoadResult(jobId, requestId, fileName, null, Status.FAILED, 0, 0, startedAt, Instant.now(), error);
    }
}
