package io.dataconnector.camel.etl.warehouse;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The columns of a table's next snapshot and where each CSV field goes. The live table's columns come first, in
 * their order and with their types (a column missing from the new extract is kept and NULL); columns new in the
 * extract follow, typed from the schema JSON; then the lineage columns when enabled.
 */
public final class TableLayout {

    public static final String LINEAGE_JOB_ID = "_dc_job_id";
    public static final String LINEAGE_LOADED_AT = "_dc_loaded_at";

    private final List<ColumnDef> columns;
    private final List<ColumnDef> added;
    private final int[] target;
    private final ColumnType[] types;
    private final int jobIdIndex;
    private final int loadedAtIndex;

    private TableLayout(List<ColumnDef> columns, List<ColumnDef> added, int[] target, ColumnType[] types,
                        int jobIdIndex, int loadedAtIndex) {
        this.columns = columns;
        this.added = added;
        this.target = target;
        this.types = types;
        this.jobIdIndex = jobIdIndex;
        this.loadedAtIndex = loadedAtIndex;
    }

    /**
     * @param live    the live table's columns (empty when the table does not exist yet)
     * @param header  the CSV header (validated names)
     * @param schema  the schema description
     * @param lineage whether to add the lineage columns
     */
    public static TableLayout of(List<ColumnDef> live, List<String> header, TableSchema schema, boolean lineage) {
        return of(live, header, schema, lineage, java.util.Set.of());
    }

    /**
     * @param widened columns loaded as text this time, whatever the live table or the schema says (a value of theirs
     *                did not fit their type)
     */
    public static TableLayout of(List<ColumnDef> live, List<String> header, TableSchema schema, boolean lineage,
                                 java.util.Set<String> widened) {
        List<ColumnDef> cols = new ArrayList<>();
        for (ColumnDef c : live) {
            cols.add(widened.contains(c.name()) ? new ColumnDef(c.name(), ColumnType.TEXT) : c);
        }
        List<ColumnDef> added = new ArrayList<>();
        int[] target = new int[header.size()];
        ColumnType[] types = new ColumnType[header.size()];
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            int idx = indexOf(cols, name);
            if (idx < 0) {
                ColumnDef c = new ColumnDef(name, widened.contains(name) ? ColumnType.TEXT : schema.typeOf(name));
                cols.add(c);
                added.add(c);
                idx = cols.size() - 1;
            }
            target[i] = idx;
            types[i] = cols.get(idx).type();
        }
        int jobIdIndex = -1;
        int loadedAtIndex = -1;
        if (lineage) {
            jobIdIndex = indexOf(cols, LINEAGE_JOB_ID);
            if (jobIdIndex < 0) {
                cols.add(new ColumnDef(LINEAGE_JOB_ID, ColumnType.TEXT));
                added.add(cols.get(cols.size() - 1));
                jobIdIndex = cols.size() - 1;
            }
            loadedAtIndex = indexOf(cols, LINEAGE_LOADED_AT);
            if (loadedAtIndex < 0) {
                cols.add(new ColumnDef(LINEAGE_LOADED_AT, ColumnType.TIMESTAMP));
                added.add(cols.get(cols.size() - 1));
                loadedAtIndex = cols.size() - 1;
            }
        }
        return new TableLayout(Collections.unmodifiableList(cols), Collections.unmodifiableList(added), target, types,
                jobIdIndex, loadedAtIndex);
    }

    private static int indexOf(List<ColumnDef> cols, String name) {
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** @return every column of the next snapshot, in table order */
    public List<ColumnDef> columns() {
        return columns;
    }

    /** @return the column CSV field {@code field} (0-based, header order) goes to */
    public ColumnDef columnOfField(int field) {
        return columns.get(target[field]);
    }

    /** @return the number of CSV fields per row */
    public int fieldCount() {
        return target.length;
    }

    /** @return whether the lineage columns ({@link #LINEAGE_JOB_ID}, {@link #LINEAGE_LOADED_AT}) are filled */
    public boolean hasLineage() {
        return jobIdIndex >= 0;
    }

    /** @return the columns the live table does not have yet */
    public List<ColumnDef> added() {
        return added;
    }

    /**
     * Checks one CSV row and puts it into the snapshot's column order as canonical database input text
     * ({@link TextValues}), for sinks that {@linkplain RowSink#acceptsText() accept text}.
     *
     * @param loadedAt the lineage load time as text (used only with lineage columns)
     * @throws IllegalArgumentException naming the column when a field does not fit its type
     */
    public String[] toText(String[] fields, String jobId, String loadedAt) {
        return map(fields, new String[columns.size()], TextValues::canonical, jobId, loadedAt);
    }

    /**
     * Converts one CSV row into the snapshot's column order.
     *
     * @throws IllegalArgumentException naming the column when a field does not fit its type
     */
    public Object[] convert(String[] fields, String jobId, LocalDateTime loadedAt) {
        return map(fields, new Object[columns.size()], Values::convert, jobId, loadedAt);
    }

    /** Puts each converted field at its column and fills the lineage columns; a misfit names its column. */
    private <T> T[] map(String[] fields, T[] row, BiFunction<ColumnType, String, ? extends T> converter, T jobId,
                        T loadedAt) {
        for (int i = 0; i < fields.length; i++) {
            try {
                row[target[i]] = converter.apply(types[i], fields[i]);
            } catch (IllegalArgumentException e) {
                throw new MisfitException(columns.get(target[i]).name(), fields[i], e.getMessage());
            }
        }
        if (jobIdIndex >= 0) {
            row[jobIdIndex] = jobId;
            row[loadedAtIndex] = loadedAt;
        }
        return row;
    }
}
