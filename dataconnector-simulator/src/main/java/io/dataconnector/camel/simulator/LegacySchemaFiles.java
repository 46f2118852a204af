package io.dataconnector.camel.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's former, invented per-table schema files {@code schema_<group>_<table>.json}
 * ({@code {"table", "serviceGroup", "file", "columns": [{"name", "type", "nullable", "description"}]}}). Real
 * extracts have no such files; they are written only when the legacy option is on.
 */
final class LegacySchemaFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LegacySchemaFiles() {
    }

    static String fileName(String table) {
        return "schema_" + table + ".json";
    }

    static byte[] json(TableDefinition t) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("table", t.name());
        root.put("serviceGroup", t.serviceGroup());
        root.put("file", t.csvName());
        List<Map<String, Object>> list = new ArrayList<>();
        for (SchemaColumn c : t.columns()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("type", c.type());
            m.put("nullable", c.nullable());
            m.put("description", c.description());
            list.add(m);
        }
        root.put("columns", list);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
