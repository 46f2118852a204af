package io.dataconnector.camel.etl.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The column types of one table, from the extract's schema description ({@code schema_<table>.json}:
 * {@code {"table", "serviceGroup", "file", "columns": [{"name", "type", "nullable", "description"}]}}). A table without
 * a schema file, and a column the schema does not describe, are text.
 */
public final class TableSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TableSchema NONE = new TableSchema(null, Map.of());

    private final String table;
    private final Map<String, ColumnType> types;

    private TableSchema(String table, Map<String, ColumnType> types) {
        this.table = table;
        this.types = types;
    }

    /** No schema description: every column is text. */
    public static TableSchema untyped() {
        return NONE;
    }

    /** @param types column name → schema JSON type name */
    public static TableSchema of(String table, Map<String, String> types) {
        Map<String, ColumnType> m = new LinkedHashMap<>();
        types.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), ColumnType.fromSchemaType(v)));
        return new TableSchema(table, Collections.unmodifiableMap(m));
    }

    /** Reads a schema JSON; the stream is not closed. */
    public static TableSchema read(InputStream json) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.isObject()) {
            throw new IOException("A schema description must be a JSON object");
        }
        Map<String, String> types = new LinkedHashMap<>();
        JsonNode columns = root.path("columns");
        if (columns.isArray()) {
            for (JsonNode c : columns) {
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

    /** @return the type of a column; {@link ColumnType#TEXT} when not described */
    public ColumnType typeOf(String column) {
        return types.getOrDefault(column.toLowerCase(Locale.ROOT), ColumnType.TEXT);
    }

    public boolean isTyped() {
        return !types.isEmpty();
    }
}
