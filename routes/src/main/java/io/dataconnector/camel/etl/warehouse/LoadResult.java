package io.dataconnector.camel.etl.warehouse;

import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of loading one extract file (or of a job-level step that failed before any table could load, with
 * {@code table} null).
 */
public record LoadResult(String jobId, String requestId, String fileName, String table, Status status, long rows,
                         long bytes, Instant startedAt, Instant finishedAt, String error) {

    public enum Status {
        /** the table now holds this file's snapshot */
        LOADED,
        /** this (job, file) was already loaded: nothing done */
        ALREADY_LOADED,
        /** a newer job's snapshot of the table is already loaded: nothing done */
        SUPERSEDED,
        /** the load failed; the table keeps its previous snapshot; a later run tries again */
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

    /** @return whether this run did not load what it should have (failed now, or settled as refused/gone/quarantined) */
    public boolean isFailure() {
        return status == Status.FAILED || status == Status.REFUSED || status == Status.GONE
               || status == Status.QUARANTINED;
    }

    /** @return a copy with another status and error (e.g. a failure that reached its attempts limit) */
    public LoadResult with(Status newStatus, String newError) {
        return new LoadResult(jobId, requestId, fileName, table, newStatus, rows, bytes, startedAt, finishedAt,
                newError);
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
