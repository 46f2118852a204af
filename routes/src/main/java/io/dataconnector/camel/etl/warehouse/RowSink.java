package io.dataconnector.camel.etl.warehouse;

/**
 * Receives the converted rows of one table load (into its staging table). Values are in the order of the columns the
 * sink was opened with: {@link String}, {@link java.util.UUID}, {@link java.time.LocalDateTime},
 * {@link java.math.BigDecimal}, {@link Boolean} or {@code null}.
 */
public interface RowSink {

    void append(Object[] row) throws Exception;

    /** Flushes what is buffered; the caller commits. @return rows written */
    long finish() throws Exception;

    /** Gives up after a failure (the caller rolls back and drops the staging table). Never throws. */
    void abort();
}
