package io.dataconnector.camel.etl.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of one extract table as a schema document describes them (Autodesk's {@code docs/schemas/<group>.html}
 * or its JSON form, read by {@code io.dataconnector.camel.etl.extract.SchemaDocs}), or as inferred from the data when
 * no document covers the table. A column the schema does not describe is text.
 */
public final class TableSchema {

    /** Where the column types come from. */
    public enum Origin {
        /** the extract's schema documents */
        DOCUMENTED,
        /** inferred from the first rows of the CSV ({@link TypeInference}) */
        INFERRED,
        /** nothing: every column is text */
        NONE
    }

    /**
     * One documented column.
     *
     * @param name         lower-cased column name
     * @param declaredType the data_type as documented (e.g. {@code timestamp: SQL}), or null when inferred
     * @param type         the warehouse type it maps to
     * @param constraints  the constraints cell (e.g. {@code Primary Key}, {@code Max length: 1024}), may be empty
     * @param notes        the notes cell, may be empty
     */
    public record Column(String name, String declaredType, ColumnType type, String constraints, String notes) {

        /** @return whether the documentation marks this column as the table's key */
        public boolean isDocumentedKey() {
            String c = constraints == null ? "" : constraints.toLowerCase(Locale.ROOT);
            String n = notes == null ? "" : notes.toLowerCase(Locale.ROOT);
            return c.contains("primary key") || c.equals("pk") || c.contains("unique")
                   || n.contains("primary key") || n.contains("unique row identifier");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TableSchema NONE = new TableSchema(null, Map.of(), Origin.NONE);

    private final String table;
    private final Map<String, Column> columns;
    private final Origin origin;

    private TableSchema(String table, Map<String, Column> columns, Origin origin) {
        this.table = table;
        this.columns = columns;
        this.origin = origin;
    }

    /** No schema: every column is text (the loader infers types from the data instead). */
    public static TableSchema untyped() {
        return NONE;
    }

    /** A documented table, columns in ordinal order. */
    public static TableSchema documented(String table, List<Column> columns) {
        Map<String, Column> m = new LinkedHashMap<>();
        for (Column c : columns) {
            m.putIfAbsent(c.name().toLowerCase(Locale.ROOT), c);
        }
        return new TableSchema(table, Collections.unmodifiableMap(m), Origin.DOCUMENTED);
    }

    /** Types inferred from the data. */
    public static TableSchema inferred(String table, Map<String, ColumnType> types) {
        Map<String, Column> m = new LinkedHashMap<>();
        types.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), new Column(k.toLowerCase(Locale.ROOT), null, v, "",
                "")));
        return new TableSchema(table, Collections.unmodifiableMap(m), Origin.INFERRED);
    }

    /** @param types column name → documented data_type */
    public static TableSchema of(String table, Map<String, String> types) {
        List<Column> cols = new ArrayList<>();
        types.forEach((k, v) -> cols.add(new Column(k.toLowerCase(Locale.ROOT), v, ColumnType.fromSchemaType(v), "",
                "")));
        return documented(table, cols);
    }

    /**
     * Reads the legacy per-table description {@code schema_<table>.json}
     * ({@code {"table", "columns": [{"name", "type"}]}}), a form of the project's first simulator; the stream is not
     * closed.
     *
     * @throws IOException when it is not a JSON object
     */
    public static TableSchema read(InputStream json) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.isObject()) {
            throw new IOException("A schema description must be a JSON object");
        }
        Map<String, String> types = new LinkedHashMap<>();
        JsonNode cols = root.path("columns");
        if (cols.isArray()) {
            for (JsonNode c : cols) {
                String name = c.path("name").asText(null);
                if (name != null) {
                    types.put(name, c.path("type").asText(null));
                }
            }
        }
        return of(root.path("table").asText(null), types);
    }

    /** @return the table the schema describes (null for {@link #untyped()}) */
    public String table() {
        return table;
    }

    public Origin origin() {
        return origin;
    }

    /** @return the type of a column; {@link ColumnType#TEXT} when not described */
    public ColumnType typeOf(String column) {
        Column c = columns.get(column.toLowerCase(Locale.ROOT));
        return c == null ? ColumnType.TEXT : c.type();
    }

    /** @return the documented data_type of a column, or the inferred type's name, or null when not described */
    public String declaredTypeOf(String column) {
        Column c = columns.get(column.toLowerCase(Locale.ROOT));
        if (c == null) {
            return null;
        }
        return c.declaredType() != null ? c.declaredType() : "inferred " + c.type().name().toLowerCase(Locale.ROOT);
    }

    /** @return the described columns, in documented order */
    public List<Column> columns() {
        return List.copyOf(columns.values());
    }

    /** @return the columns the documentation marks as the key, in order (empty when none) */
    public List<String> documentedKey() {
        for (Column c : columns.values()) {
            if (c.isDocumentedKey()) {
                return List.of(c.name());
            }
        }
        return List.of();
    }

    public boolean isTyped() {
        return columns.values().stream().anyMatch(c -> c.type() != ColumnType.TEXT);
    }

    /** @return whether a document describes the table (then no inference is made) */
    public boolean isDocumented() {
        return origin == Origin.DOCUMENTED;
    }
}
