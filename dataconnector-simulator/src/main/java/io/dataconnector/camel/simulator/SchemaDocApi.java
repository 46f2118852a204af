package io.dataconnector.camel.simulator;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /data-connector/v1/doc/schema?name=<group>&format=html|json}: the schema documents of one service
 * group, the same as {@code docs/schemas/<group>.html|json} in extracts (catalogue tables; the full catalogue in
 * full mode). Public: no token needed. {@code format} defaults to html; a missing name or another format is a 400,
 * an unknown group a 404, both with the API's error body.
 */
final class SchemaDocApi {

    private final SimulatorSettings settings;

    SchemaDocApi(SimulatorSettings settings) {
        this.settings = settings;
    }

    HttpReply answer(Map<String, List<String>> query) {
        String name = first(query, "name");
        String format = first(query, "format");
        if (name == null || name.isBlank()) {
            throw ApiError.badRequest("name is required (a service group, e.g. admin).");
        }
        if (format == null) {
            format = "html";
        }
        if (!format.equals("html") && !format.equals("json")) {
            throw ApiError.badRequest("format must be html or json, got: " + format);
        }
        List<TableDefinition> tables = ExtractGenerator.byGroup(TableCatalogue.of(settings.fullExtract)).get(name);
        if (tables == null) {
            throw new ApiError(404, "No schema for service group " + name + ".", "NOT_FOUND");
        }
        return format.equals("html") ? HttpReply.bytes(200, "text/html; charset=utf-8", SchemaDocs.html(name, tables))
                : HttpReply.bytes(200, "application/json; charset=utf-8", SchemaDocs.json(tables));
    }

    private static String first(Map<String, List<String>> query, String key) {
        List<String> v = query.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
