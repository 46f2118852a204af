package io.dataconnector.camel.etl.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataconnector.camel.etl.warehouse.ColumnType;
import io.dataconnector.camel.etl.warehouse.TableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON form of the schema documents, whose shape Autodesk has not published. Every shape seen in the wild is
 * accepted, found by what the nodes hold rather than by fixed keys:
 * <ul>
 * <li>group → tables → columns: {@code {"users": {"id": {"ordinal_position": 1, "data_type": "string: UUID"}}}}</li>
 * <li>a table as an array of columns: {@code {"users": [{"column_name": "id", "data_type": "string: UUID"}]}}</li>
 * <li>wrapped tables: {@code {"tables": [{"name": "users", "columns": [...]}]}}</li>
 * <li>one {@code schema.json} for every group: {@code {"admin": {"users": {...}}, "issues": {...}}}</li>
 * </ul>
 * A column is an object with a {@code data_type} (or {@code type}/{@code dataType}) text; its name is its key or its
 * {@code column_name}/{@code name}. The group of a table is the key above it, else the file's name.
 */
final class JsonSchemaDoc {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> WRAPPERS = Set.of("tables", "groups", "servicegroups", "service_groups", "schemas",
            "schema", "data", "items");

    private JsonSchemaDoc() {
    }

    static List<SchemaDocs.DocumentedTable> read(InputStream in, String fileGroup) throws IOException {
        JsonNode root = JSON.readTree(in);
        if (root == null || !root.isContainerNode()) {
            throw new IOException("not a JSON object or array");
        }
        List<SchemaDocs.DocumentedTable> out = new ArrayList<>();
        walk(root, fileGroup.equalsIgnoreCase("schema") ? null : fileGroup, null, out, 0);
        return out;
    }

    /**
     * @param group the service group known so far (null inside a multi-group {@code schema.json} until a key gives it)
     * @param key   the key this node is the value of (a table or group name), or null
     */
    private static void walk(JsonNode node, String group, String key, List<SchemaDocs.DocumentedTable> out,
                             int depth) {
        if (depth > 8) {
            return;
        }
        if (node.isObject()) {
            JsonNode columns = node.get("columns");
            if (columns != null && columns.isContainerNode()) {
                String name = text(node, "table_name", "name", "table");
                List<TableSchema.Column> cols = columnsOf(columns);
                if (!cols.isEmpty() && (name != null || key != null)) {
                    out.add(table(node, group, name != null ? name : key, cols));
                    return;
                }
            }
            if (isColumnMap(node)) {
                if (key != null) {
                    out.add(table(node, group, key, columnsOf(node)));
                }
                return;
            }
            String groupHere = text(node, "service_group", "serviceGroup", "group");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isContainerNode()) {
                    continue;
                }
                String k = e.getKey();
                boolean isTable = isColumnMap(e.getValue()) || isColumnArray(e.getValue()) || e.getValue().has("columns");
                // a key like "items" or "data" is a wrapper only when its value is not itself a table
                if (!isTable && WRAPPERS.contains(k.toLowerCase(Locale.ROOT))) {
                    walk(e.getValue(), groupHere != null ? groupHere : group, null, out, depth + 1);
                } else {
                    // a key above tables: the group when none is known yet, else a table name
                    boolean isGroupLevel = group == null && groupHere == null && !isTable;
                    walk(e.getValue(), isGroupLevel ? k : groupHere != null ? groupHere : group,
                            isGroupLevel ? null : k, out, depth + 1);
                }
            }
        } else if (node.isArray()) {
            if (isColumnArray(node)) {
                if (key != null) {
                    out.add(new SchemaDocs.DocumentedTable(group == null ? "" : group, key, columnsOf(node)));
                }
                return;
            }
            for (JsonNode el : node) {
                walk(el, group, null, out, depth + 1);
            }
        }
    }

    private static SchemaDocs.DocumentedTable table(JsonNode node, String group, String name,
                                                    List<TableSchema.Column> cols) {
        String g = group;
        String own = text(node, "service_group", "serviceGroup", "group");
        if (own != null) {
            g = own;
        }
        return new SchemaDocs.DocumentedTable(g == null ? "" : g, name, cols);
    }

    private static boolean isColumn(JsonNode n) {
        return n != null && n.isObject() && text(n, "data_type", "dataType", "type") != null;
    }

    /** {@code {"id": {"data_type": ...}, ...}}: every value a column. */
    private static boolean isColumnMap(JsonNode n) {
        if (!n.isObject() || n.isEmpty()) {
            return false;
        }
        for (JsonNode v : n) {
            if (!isColumn(v)) {
                return false;
            }
        }
        return true;
    }

    /** {@code [{"column_name": "id", "data_type": ...}]}: every element a named column. */
    private static boolean isColumnArray(JsonNode n) {
        if (!n.isArray() || n.isEmpty()) {
            return false;
        }
        for (JsonNode v : n) {
            if (!isColumn(v) || text(v, "column_name", "name", "column") == null) {
                return false;
            }
        }
        return true;
    }

    private static List<TableSchema.Column> columnsOf(JsonNode n) {
        List<JsonNode> specs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (isColumn(e.getValue())) {
                    specs.add(e.getValue());
                    String own = text(e.getValue(), "column_name", "name", "column");
                    names.add(own != null ? own : e.getKey());
                }
            }
        } else if (n.isArray()) {
            for (JsonNode v : n) {
                String name = text(v, "column_name", "name", "column");
                if (isColumn(v) && name != null) {
                    specs.add(v);
                    names.add(name);
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Integer.compare(ordinal(specs.get(a), a), ordinal(specs.get(b), b)));
        List<TableSchema.Column> cols = new ArrayList<>();
        for (int i : order) {
            JsonNode s = specs.get(i);
            String type = text(s, "data_type", "dataType", "type");
            cols.add(new TableSchema.Column(names.get(i).toLowerCase(Locale.ROOT), type, ColumnType.fromSchemaType(type),
                    orEmpty(text(s, "constraints", "constraint")), orEmpty(text(s, "notes", "description"))));
        }
        return cols;
    }

    private static int ordinal(JsonNode spec, int fallback) {
        JsonNode o = spec.get("ordinal_position");
        if (o == null) {
            o = spec.get("position");
        }
        return o != null && o.canConvertToInt() ? o.asInt() : o != null && o.isTextual()
                && o.asText().matches("\\d{1,6}") ? Integer.parseInt(o.asText()) : 1_000_000 + fallback;
    }

    private static String text(JsonNode n, String... fields) {
        for (String f : fields) {
            JsonNode v = n.get(f);
            if (v != null && v.isValueNode() && !v.isNull()) {
                String s = v.asText().trim();
                if (!s.isEmpty()) {
                    return s;
                }
            }
        }
        return null;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
