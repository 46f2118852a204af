package io.dataconnector.camel.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The tables the simulator generates extracts from, with Autodesk's real table and column names.
 * <ul>
 *   <li>{@link #representative()}: about 50 tables over the service groups admin, activities, cdccost, checklists,
 *   cost, issues, locations, rfis and submittals, read from {@code catalogue/<group>.txt} (one resource per group,
 *   columns as Autodesk's public schema pages document them).</li>
 *   <li>{@link #full()}: the representative tables plus generated ones with real-looking names, about 300 in all
 *   ({@link FullCatalogue}), as a full real extract.</li>
 * </ul>
 */
public final class TableCatalogue {

    /** The service groups of the representative catalogue, one resource each. */
    public static final List<String> GROUPS = List.of("activities", "admin", "cdccost", "checklists", "cost", "issues",
            "locations", "rfis", "submittals");

    private static final List<TableDefinition> REPRESENTATIVE = load();
    private static final List<TableDefinition> FULL = sorted(FullCatalogue.withExtras(REPRESENTATIVE));

    private TableCatalogue() {
    }

    /** The representative tables, in CSV name order. */
    public static List<TableDefinition> representative() {
        return REPRESENTATIVE;
    }

    /** About 300 tables, in CSV name order: the representative ones first among equals. */
    public static List<TableDefinition> full() {
        return FULL;
    }

    public static List<TableDefinition> of(boolean full) {
        return full ? FULL : REPRESENTATIVE;
    }

    /** A table of the full catalogue by {@code <group>_<table>} name. */
    public static Optional<TableDefinition> byName(String name) {
        return FULL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static List<TableDefinition> load() {
        List<TableDefinition> all = new ArrayList<>();
        for (String g : GROUPS) {
            String resource = "catalogue/" + g + ".txt";
            try (InputStream in = TableCatalogue.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Missing catalogue resource " + resource);
                }
                all.addAll(parse(g, new String(in.readAllBytes(), StandardCharsets.UTF_8), resource));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read catalogue resource " + resource, e);
            }
        }
        return sorted(all);
    }

    private static List<TableDefinition> sorted(List<TableDefinition> tables) {
        List<TableDefinition> out = new ArrayList<>(tables);
        out.sort(Comparator.comparing(TableDefinition::name));
        return List.copyOf(out);
    }

    /**
     * Parses one group's catalogue text: {@code table <name> | <description>[ | header-only]} starts a table, each
     * following {@code <column> | <data_type> | <constraints> | <notes>} line adds a column; {@code #} lines and
     * blank lines are ignored. Throws IllegalStateException naming the source and line when a line does not parse.
     */
    static List<TableDefinition> parse(String group, String text, String source) {
        List<TableDefinition> out = new ArrayList<>();
        String name = null;
        String description = null;
        boolean headerOnly = false;
        List<SchemaColumn> cols = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            if (line.startsWith("table ")) {
                if (name != null) {
                    out.add(new TableDefinition(group, name, description, cols, headerOnly));
                }
                name = f[0].substring("table ".length()).strip();
                description = f.length > 1 ? f[1].strip() : "";
                headerOnly = f.length > 2 && f[2].strip().equals("header-only");
                cols = new ArrayList<>();
            } else if (name == null || f.length != 4 || f[0].isBlank() || f[1].isBlank()) {
                throw new IllegalStateException(source + " line " + (i + 1) + ": expected 'table <name> | "
                        + "<description>' or '<column> | <data_type> | <constraints> | <notes>', got: " + line);
            } else {
                String col = f[0].strip();
                boolean key = f[2].contains("Primary Key") || col.equals("adsk_row_id");
                cols.add(new SchemaColumn(col, f[1].strip(), !key, f[3].strip(), f[2].strip()));
            }
        }
        if (name != null) {
            out.add(new TableDefinition(group, name, description, cols, headerOnly));
        }
        return out;
    }
}
