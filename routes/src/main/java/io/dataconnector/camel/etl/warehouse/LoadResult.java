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
        /** the load failed; the table keeps its previous snapshot */
        FAILED
    }

    public boolean isFailure() {
        return status == Status.FAILED;
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
