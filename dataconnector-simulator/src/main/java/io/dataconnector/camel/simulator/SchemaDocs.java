package io.dataconnector.camel.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The documentation files of an extract, shaped like Autodesk's:
 * <ul>
 *   <li>{@code docs/schemas/<group>.html}: an {@code <h1>} "&lt;group&gt; Schema Description", a list of links to
 *   the tables, then per table an {@code <h2 id="<table>">}, a {@code <p>} description and a {@code <table>} with
 *   the header cells ordinal_position, column_name, data_type, constraints, notes and one row per column;</li>
 *   <li>{@code docs/schemas/<group>.json}: {@code {"<table>": {"<column>": {"ordinal_position": 1, "data_type":
 *   "string: UUID", "constraints": "", "notes": "..."}, ...}, ...}}, tables and columns in document order;</li>
 *   <li>{@code README.html} (in the ZIP {@code docs/README.html}): a "what's new" list and the extract's tables;</li>
 *   <li>{@code metadata.csv}: {@code created_at,region} and one row.</li>
 * </ul>
 * Tables are named without their group prefix ({@code users} for {@code admin_users.csv}).
 */
final class SchemaDocs {

    static final String DOCS_UPDATED = "2026-02-17";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter METADATA_TIME = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String[] WHATS_NEW = {
        "2026-02-17 admin: projects.classification added.",
        "2026-01-29 cost: budgets.forecast_adjustment_qty added.",
        "2025-12-19 cdccost: schemas published as a Beta release.",
        "2025-06-11 activities: docs_* tables added."};

    private SchemaDocs() {
    }

    /** The HTML schema page of one service group. */
    static byte[] html(String group, List<TableDefinition> tables) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(group))
                .append(" Schema Description</title></head>\n<body>\n<h1>").append(esc(group))
                .append(" Schema Description</h1>\n<p><strong>Documentation Updated:</strong> ").append(DOCS_UPDATED)
                .append("</p>\n<ul>\n");
        for (TableDefinition t : tables) {
            sb.append("<li><a href=\"#").append(esc(t.docName())).append("\">").append(esc(t.docName()))
                    .append("</a></li>\n");
        }
        sb.append("</ul>\n");
        for (TableDefinition t : tables) {
            sb.append("<h2 id=\"").append(esc(t.docName())).append("\">").append(esc(t.docName())).append("</h2>\n")
                    .append("<p>").append(esc(t.description())).append("</p>\n<table>\n<thead><tr><th>"
                    + "ordinal_position</th><th>column_name</th><th>data_type</th><th>constraints</th><th>notes</th>"
                    + "</tr></thead>\n<tbody>\n");
            List<SchemaColumn> cols = t.columns();
            for (int i = 0; i < cols.size(); i++) {
                SchemaColumn c = cols.get(i);
                sb.append("<tr><td>").append(i + 1).append("</td><td>").append(esc(c.name())).append("</td><td>")
                        .append(esc(c.type())).append("</td><td>").append(esc(c.constraints())).append("</td><td>")
                        .append(esc(c.description())).append("</td></tr>\n");
            }
            sb.append("</tbody>\n</table>\n");
        }
        sb.append("</body></html>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON schema of one service group (the shape the loader reads). */
    static byte[] json(List<TableDefinition> tables) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (TableDefinition t : tables) {
            Map<String, Object> cols = new LinkedHashMap<>();
            List<SchemaColumn> list = t.columns();
            for (int i = 0; i < list.size(); i++) {
                SchemaColumn c = list.get(i);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("ordinal_position", i + 1);
                m.put("data_type", c.type());
                m.put("constraints", c.constraints());
                m.put("notes", c.description());
                cols.put(c.name(), m);
            }
            root.put(t.docName(), cols);
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The extract's readme: what's new, then the tables per service group with links to their schema pages. */
    static byte[] readme(Map<String, List<TableDefinition>> byGroup, Instant createdAt) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Autodesk Data Connector"
                + "</title></head>\n<body>\n<h1>Autodesk Data Connector extract</h1>\n<p>Created ")
                .append(METADATA_TIME.format(createdAt)).append(". The schema of each service group is in "
                + "<code>docs/schemas/&lt;group&gt;.html</code> and <code>.json</code>.</p>\n<h2>What's new</h2>\n<ul>\n");
        for (String w : WHATS_NEW) {
            sb.append("<li>").append(esc(w)).append("</li>\n");
        }
        sb.append("</ul>\n<h2>Tables</h2>\n");
        for (Map.Entry<String, List<TableDefinition>> e : byGroup.entrySet()) {
            sb.append("<h3><a href=\"schemas/").append(esc(e.getKey())).append(".html\">").append(esc(e.getKey()))
                    .append("</a></h3>\n<ul>\n");
            for (TableDefinition t : e.getValue()) {
                sb.append("<li><a href=\"schemas/").append(esc(e.getKey())).append(".html#").append(esc(t.docName()))
                        .append("\">").append(esc(t.csvName())).append("</a></li>\n");
            }
            sb.append("</ul>\n");
        }
        sb.append("</body></html>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code metadata.csv}: header {@code created_at,region}, one row such as {@code 2026-11-28 06:00:12.123 UTC,US}. */
    static byte[] metadata(Instant createdAt, String region, boolean bom) {
        return ((bom ? "\uFEFF" : "") + "created_at,region\n" + METADATA_TIME.format(createdAt) + "," + region + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
