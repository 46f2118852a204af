package io.dataconnector.camel.etl.extract;

import io.dataconnector.camel.etl.warehouse.ColumnType;
import io.dataconnector.camel.etl.warehouse.TableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Reads Autodesk's HTML schema page of one service group ({@code docs/schemas/<group>.html}, the same page as
 * {@code GET /data-connector/v1/doc/schema?name=<group>&format=html}): per table a heading (its name, also the HTML
 * anchor) followed by a grid whose header row names {@code ordinal_position | column_name | data_type | constraints |
 * notes}. Columns are found by their header names, so their order may change; grids without {@code column_name} and
 * {@code data_type} are ignored.
 */
final class HtmlSchemaDoc {

    private HtmlSchemaDoc() {
    }

    static List<SchemaDocs.DocumentedTable> read(InputStream in, String group) throws IOException {
        Document doc = Jsoup.parse(in, "UTF-8", "");
        List<SchemaDocs.DocumentedTable> out = new ArrayList<>();
        for (Element grid : doc.select("table")) {
            Elements headerCells = grid.select("tr").first() == null ? new Elements()
                    : grid.select("tr").first().select("th, td");
            int name = -1;
            int type = -1;
            int constraints = -1;
            int notes = -1;
            for (int i = 0; i < headerCells.size(); i++) {
                String h = headerCells.get(i).text().trim().toLowerCase(Locale.ROOT).replace(' ', '_');
                switch (h) {
                    case "column_name", "column", "name" -> name = i;
                    case "data_type", "type" -> type = i;
                    case "constraints" -> constraints = i;
                    case "notes", "description" -> notes = i;
                    default -> {
                    }
                }
            }
            String table = tableName(grid);
            if (name < 0 || type < 0 || table == null) {
                continue;
            }
            List<TableSchema.Column> cols = new ArrayList<>();
            Elements rows = grid.select("tr");
            for (int r = 1; r < rows.size(); r++) {
                Elements cells = rows.get(r).select("td, th");
                if (cells.size() <= Math.max(name, type)) {
                    continue;
                }
                String col = cells.get(name).text().trim();
                String dataType = cells.get(type).text().trim();
                if (col.isEmpty()) {
                    continue;
                }
                cols.add(new TableSchema.Column(col.toLowerCase(Locale.ROOT), dataType,
                        ColumnType.fromSchemaType(dataType), cell(cells, constraints), cell(cells, notes)));
            }
            out.add(new SchemaDocs.DocumentedTable(group, table, cols));
        }
        return out;
    }

    private static String cell(Elements cells, int index) {
        return index >= 0 && index < cells.size() ? cells.get(index).text().trim() : "";
    }

    /** The nearest heading before the grid: its id (the anchor the table list links to), else its text. */
    private static String tableName(Element grid) {
        for (Element e = previous(grid); e != null; e = previous(e)) {
            if (e.tagName().matches("h[1-6]")) {
                String id = e.id().trim();
                String name = !id.isEmpty() ? id : e.text().trim();
                return name.isEmpty() || name.toLowerCase(Locale.ROOT).endsWith("schema description") ? null
                        : name.toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** The element before {@code e} in document order (its previous sibling, else its parent's). */
    private static Element previous(Element e) {
        Element sibling = e.previousElementSibling();
        if (sibling != null) {
            Elements headings = sibling.select("h1, h2, h3, h4, h5, h6");
            return headings.isEmpty() ? sibling : headings.last();
        }
        return e.parent();
    }
}
