package io.dataconnector.camel.etl.warehouse;

/**
 * Receives the converted rows of one table load (into its staging table). Values are in the order of the columns the
 * sink was opened with: {@link String}, {@link java.util.UUID}, {@link java.time.LocalDateTime},
 * {@link java.math.BigDecimal}, {@link Boolean} or {@code null}.
 */
public interface RowSink {

    void append(Object[] row) throws Exception;

    /**
     * @return true when the sink takes rows as checked canonical text ({@link #appendText}), the fast path of
     *         databases that parse their types themselves (PostgreSQL COPY)
     */
    default boolean acceptsText() {
        return false;
    }

    /** A row as {@link TextValues#canonical} text per column ({@code null} = NULL); only when {@link #acceptsText()}. */
    default void appendText(String[] row) throws Exception {
        throw new UnsupportedOperationException("this sink takes converted values");
    }

    /** Flushes what is buffered; the caller commits. @return rows written */
    long finish() throws Exception;

    /** Gives up after a failure (the caller rolls back and drops the staging table). Never throws. */
    void abort();
}
