package io.dataconnector.camel.etl.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One extract CSV to load as a snapshot of its table: a file on local disk, or a stream (e.g. an entry read straight
 * from the downloaded ZIP, with no temp file of its own).
 *
 * @param jobId          the Data Connector job the extract belongs to
 * @param requestId      the data request that spawned the job (may be null)
 * @param jobCompletedAt when the job completed (orders snapshots; may be null)
 * @param fileName       the extract file name, e.g. {@code admin_users.csv}
 * @param csv            the CSV on local disk, or null when it is read from {@code source}
 * @param bytes          its size in bytes
 * @param schema         the column types from the extract's schema JSON ({@link TableSchema#untyped()} when none)
 * @param source         the CSV as a stream, or null when it is the file {@code csv}
 */
public record LoadRequest(String jobId, String requestId, Instant jobCompletedAt, String fileName, Path csv, long bytes,
                          TableSchema schema, Source source) {

    /** A CSV read as a stream instead of from a file on local disk. */
    public interface Source {

        /** @return the CSV's bytes (closed by the loader); called at most once */
        InputStream open() throws IOException;

        /**
         * Called once every row has been read and before the staging table is committed (so before any swap): e.g.
         * reads the stream to its end and verifies its checksum. A failure fails the table's load.
         */
        default void verifyComplete() throws IOException {
        }

        /**
         * @return the CSV's bytes once more from the first byte (closed by the caller), for a second read after a
         *         value did not fit its type
         * @throws IOException when the source cannot be read again
         */
        default InputStream reopen() throws IOException {
            throw new IOException("this CSV stream cannot be read twice");
        }

        /** @return whether {@link #reopen()} works */
        default boolean isRereadable() {
            return false;
        }
    }

    public LoadRequest {
        if (schema == null) {
            schema = TableSchema.untyped();
        }
        if ((csv == null) == (source == null)) {
            throw new IllegalArgumentException("A load request reads either a file or a stream");
        }
    }

    /** A CSV file on local disk. */
    public LoadRequest(String jobId, String requestId, Instant jobCompletedAt, String fileName, Path csv, long bytes,
                       TableSchema schema) {
        this(jobId, requestId, jobCompletedAt, fileName, csv, bytes, schema, null);
    }

    /** @return the warehouse table, from the file name */
    public String table() {
        return Identifiers.tableOf(fileName);
    }

    /** @return the CSV's bytes, from the file or the stream */
    public InputStream openCsv() throws IOException {
        return source != null ? source.open() : Files.newInputStream(csv);
    }

    /** @return whether the CSV can be read once more from its start ({@link #reopenCsv()}) */
    public boolean isRereadable() {
        return source == null || source.isRereadable();
    }

    /** @return the CSV's bytes from the first byte, as a second read (closed by the caller) */
    public InputStream reopenCsv() throws IOException {
        return source != null ? source.reopen() : Files.newInputStream(csv);
    }

    /** @see Source#verifyComplete() */
    public void verifyComplete() throws IOException {
        if (source != null) {
            source.verifyComplete();
        }
    }
}
