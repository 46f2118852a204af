package io.dataconnector.camel.etl.warehouse;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One extract CSV, on local disk, to load as a snapshot of its table.
 *
 * @param jobId          the Data Connector job the extract belongs to
 * @param requestId      the data request that spawned the job (may be null)
 * @param jobCompletedAt when the job completed (orders snapshots; may be null)
 * @param fileName       the extract file name, e.g. {@code admin_users.csv}
 * @param csv            the CSV on local disk
 * @param bytes          its size in bytes
 * @param schema         the column types from the extract's schema JSON ({@link TableSchema#untyped()} when none)
 */
public record LoadRequest(String jobId, String requestId, Instant jobCompletedAt, String fileName, Path csv, long bytes,
                          TableSchema schema) {

    public LoadRequest {
        if (schema == null) {
            schema = TableSchema.untyped();
        }
    }

    /** @return the warehouse table, from the file name */
    public String table() {
        return Identifiers.tableOf(fileName);
    }
}
