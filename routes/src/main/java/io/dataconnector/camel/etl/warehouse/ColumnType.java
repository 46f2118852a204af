package io.dataconnector.camel.etl.warehouse;

import java.util.Locale;

/**
 * The column types the warehouse knows, from the data_type vocabulary of Autodesk's schema documents
 * ({@code string: UUID}, {@code string}, {@code timestamp: SQL}, {@code number}, {@code boolean}, {@code enum: string},
 * {@code string: null}, {@code date: string}; source: {@code GET /data-connector/v1/doc/schema}, see
 * {@code notes/real-extracts.md}). Anything unknown is text: a new vendor type never fails a load.
 */
public enum ColumnType {
    TEXT, UUID, TIMESTAMP, DATE, NUMBER, BOOLEAN;

    /** @return the type for a schema JSON type name; {@link #TEXT} when null or unknown */
    public static ColumnType fromSchemaType(String schemaType) {
        if (schemaType == null) {
            return TEXT;
        }
        String t = schemaType.toLowerCase(Locale.ROOT).replace(" ", "");
        if (t.equals("string:uuid") || t.equals("uuid")) {
            return UUID;
        }
        if (t.startsWith("timestamp") || t.equals("datetime")) {
            return TIMESTAMP;
        }
        if (t.equals("date") || t.equals("date:string") || t.equals("date:sql")) {
            return DATE;
        }
        if (t.equals("number") || t.equals("integer") || t.equals("decimal") || t.equals("double")) {
            return NUMBER;
        }
        if (t.equals("boolean") || t.equals("bool")) {
            return BOOLEAN;
        }
        return TEXT;
    }

    /**
     * The type of an existing warehouse column, from its JDBC type (a column kept across schema drift keeps the type it
     * has in the warehouse).
     */
    public static ColumnType fromJdbc(int sqlType, String typeName) {
        String n = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (n.equals("uuid")) {
            return UUID;
        }
        switch (sqlType) {
            case java.sql.Types.TIMESTAMP:
            case java.sql.Types.TIMESTAMP_WITH_TIMEZONE:
                return TIMESTAMP;
            case java.sql.Types.DATE:
                return DATE;
            case java.sql.Types.BOOLEAN:
            case java.sql.Types.BIT:
                return BOOLEAN;
            case java.sql.Types.NUMERIC:
            case java.sql.Types.DECIMAL:
            case java.sql.Types.DOUBLE:
            case java.sql.Types.FLOAT:
            case java.sql.Types.REAL:
            case java.sql.Types.INTEGER:
            case java.sql.Types.BIGINT:
            case java.sql.Types.SMALLINT:
            case java.sql.Types.TINYINT:
                return NUMBER;
            default:
                if (n.startsWith("timestamp")) {
                    return TIMESTAMP;
                }
                if (n.equals("date")) {
                    return DATE;
                }
                if (n.equals("bool") || n.equals("boolean")) {
                    return BOOLEAN;
                }
                if (n.equals("numeric") || n.startsWith("decimal") || n.equals("bigint") || n.equals("hugeint") || n.startsWith("double") || n.equals("decfloat")) {
                    return NUMBER;
                }
                return TEXT;
        }
    }

    /** @return the type of a column from its database type name alone (e.g. {@code int8}, {@code decimal(38,4)}) */
    public static ColumnType fromJdbcName(String typeName) {
        String n = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (n.startsWith("int") || n.equals("bigint") || n.equals("hugeint") || n.equals("smallint")
            || n.startsWith("double") || n.equals("real") || n.startsWith("float")) {
            return NUMBER;
        }
        return fromJdbc(java.sql.Types.OTHER, n);
    }
}
