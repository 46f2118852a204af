package io.dataconnector.camel.etl.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a CSV once more, after a value did not fit its column, to find every typed column with such a value (and the
 * first one of each), so that one more load with those columns widened to text succeeds: at most three reads of a
 * table, whatever the number of wrong columns.
 */
final class MisfitScan {

    /**
     * A column widened for one load.
     *
     * @param column       the column
     * @param declaredType its documented (or inferred) type
     * @param line         the CSV line of the first value that does not fit
     * @param value        that value (shortened)
     */
    record Widening(String column, String declaredType, long line, String value) {

        /** @return the warning for the history and the summary */
        String warning(String table) {
            return "table " + table + " column " + column + " declared '" + declaredType + "': value '" + value
                   + "' at line " + line + " does not fit; loaded as text";
        }
    }

    private MisfitScan() {
    }

    /**
     * @param csv    the CSV, from its first byte (closed here)
     * @param layout the layout whose load met a value that does not fit
     * @param schema the table's schema, for the declared types
     * @return column → its first value that does not fit, for every typed column that has one
     * @throws IOException when the CSV cannot be read
     */
    static Map<String, Widening> scan(InputStream csv, String fileName, TableLayout layout, TableSchema schema)
            throws IOException {
        Map<String, Widening> found = new LinkedHashMap<>();
        try (CsvTable table = CsvTable.open(csv, fileName)) {
            int n = layout.fieldCount();
            for (CsvTable.Row row : table) {
                String[] fields = row.fields();
                for (int i = 0; i < n && i < fields.length; i++) {
                    ColumnDef col = layout.columnOfField(i);
                    if (col.type() == ColumnType.TEXT || found.containsKey(col.name())) {
                        continue;
                    }
                    try {
                        TextValues.canonical(col.type(), fields[i]);
                    } catch (IllegalArgumentException e) {
                        String declared = schema.declaredTypeOf(col.name());
                        found.put(col.name(), new Widening(col.name(),
                                declared != null ? declared : col.type().name().toLowerCase(java.util.Locale.ROOT),
                                row.line(), Values.shorten(fields[i])));
                    }
                }
            }
        }
        return found;
    }
}
