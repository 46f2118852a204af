package io.dataconnector.camel.etl.extract;

import io.dataconnector.camel.etl.warehouse.TableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema documents an extract ships, gathered while its ZIP is read, and looked up per CSV table.
 * <p>
 * Real extracts carry one document per service group, {@code docs/schemas/<group>.html}, and a JSON form whose file
 * names and keys are not public (seen: {@code docs/schemas/<group>.json}, {@code schemas/<group>.json},
 * {@code schemas/schema.json}; source: APS blog "Data Connector Schema is now with public endpoints", 2023-12-04, and
 * {@code notes/real-extracts.md}). Each document lists the group's tables by their name within the group
 * ({@code users} in group {@code admin}), the CSV being {@code <group>_<table>.csv}. The project's first simulator's
 * per-table {@code schema_<table>.json} is read too. Where both an HTML and a JSON document describe a table, the
 * first one read wins for that table. Thread-safe: entries may be read by parallel loads.
 */
public final class SchemaDocs {

    private static final Pattern GROUP_DOC = Pattern.compile("(?:.*/)?([A-Za-z0-9_]+)\\.(html?|json)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LEGACY = Pattern.compile("schema_([a-z0-9_]+)\\.json");

    /** csv table name ({@code admin_users}) → schema; a bare table name ({@code users}) as a fallback key. */
    private final Map<String, TableSchema> byCsvTable = new ConcurrentHashMap<>();
    private final Map<String, TableSchema> byBareName = new ConcurrentHashMap<>();
    private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());

    /**
     * @param entryName a ZIP entry name or a data-listing file name
     * @return whether the entry is a schema document this class reads
     */
    public static boolean isSchemaDoc(String entryName) {
        if (entryName == null) {
            return false;
        }
        String n = entryName.toLowerCase(Locale.ROOT);
        if (LEGACY.matcher(n).matches()) {
            return true;
        }
        boolean inSchemaFolder = n.startsWith("docs/schemas/") || n.startsWith("schemas/") || n.startsWith("schema/");
        return inSchemaFolder && GROUP_DOC.matcher(n).matches();
    }

    /**
     * Reads one schema document (the stream is not closed). An unreadable document is remembered as a problem
     * ({@link #problems()}) and its tables are then inferred from their data: it never fails the job.
     *
     * @param entryName its name in the ZIP, which gives the service group and the format
     */
    public void read(String entryName, InputStream in) {
        String lower = entryName.toLowerCase(Locale.ROOT);
        String file = lower.substring(lower.lastIndexOf('/') + 1);
        try {
            Matcher legacy = LEGACY.matcher(file);
            if (legacy.matches() && !lower.contains("/")) {
                TableSchema s = TableSchema.read(in);
                byCsvTable.putIfAbsent(legacy.group(1), s);
                return;
            }
            Matcher m = GROUP_DOC.matcher(file);
            if (!m.matches()) {
                return;
            }
            String group = m.group(1);
            List<DocumentedTable> tables = m.group(2).startsWith("htm")
                    ? HtmlSchemaDoc.read(in, group) : JsonSchemaDoc.read(in, group);
            if (tables.isEmpty()) {
                problems.add(entryName + " describes no table");
            }
            for (DocumentedTable t : tables) {
                add(t);
            }
        } catch (IOException | RuntimeException e) {
            problems.add(entryName + " is unreadable (" + e.getMessage() + ")");
        }
    }

    private void add(DocumentedTable t) {
        TableSchema schema = TableSchema.documented(t.csvTable(), t.columns());
        byCsvTable.putIfAbsent(t.csvTable(), schema);
        byBareName.putIfAbsent(t.table(), schema);
    }

    /**
     * @param csvTable the table of a CSV, {@code <group>_<table>}
     * @return the schema documented for it
     */
    public Optional<TableSchema> forTable(String csvTable) {
        TableSchema s = byCsvTable.get(csvTable);
        if (s == null) {
            s = byBareName.get(csvTable);
        }
        return Optional.ofNullable(s);
    }

    /** @return the number of tables described */
    public int size() {
        return byCsvTable.size();
    }

    /** @return unreadable or empty documents, one line each */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * One table of a group document.
     *
     * @param group   the service group ({@code admin})
     * @param table   its name in the document ({@code users})
     * @param columns its columns in ordinal order
     */
    record DocumentedTable(String group, String table, List<TableSchema.Column> columns) {

        /**
         * @return the CSV's table name, {@code <group>_<table>} (a table may itself start with its group's name:
         *         {@code cost_item_properties} of group {@code cost} is {@code cost_cost_item_properties.csv})
         */
        String csvTable() {
            String t = table.toLowerCase(Locale.ROOT);
            String g = group.toLowerCase(Locale.ROOT);
            return g.isEmpty() ? t : g + "_" + t;
        }
    }
}
