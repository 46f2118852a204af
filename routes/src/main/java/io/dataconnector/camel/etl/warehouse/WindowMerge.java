package io.dataconnector.camel.etl.warehouse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Merges one job's window (the staging table) into the live table of a date-range group, inside the caller's
 * transaction. Rows are de-duplicated by the table's key: the first documented key, else the {@code id} column, else
 * {@code <singular table>_id} (e.g. {@code activity_id}), else the whole row. With a key the window's row replaces the
 * live row of the same key (upsert), and for delta ({@code cdc*}) tables a row whose {@code deleted_at} is set deletes
 * its key. Without a key only rows not yet in the table are added. Loading the same window twice changes nothing.
 */
final class WindowMerge {

    /** The event-time columns that bound a window, in order of preference. */
    private static final List<String> EVENT_TIME = List.of("created_at", "timestamp", "event_time", "occurred_at",
            "updated_at");
    static final String DELETED_AT = "deleted_at";

    /**
     * @param rows        rows of the window that were inserted (new or replacing)
     * @param key         the key used (empty: the whole row)
     * @param windowStart earliest event time in the window, or null
     * @param windowEnd   latest event time in the window, or null
     */
    record Outcome(long rows, List<String> key, LocalDateTime windowStart, LocalDateTime windowEnd) {
    }

    /**
     * What the load saw of the staged rows on their way (the CSV pass-through), sparing the database a scan of them.
     *
     * @param keysDistinct whether every staged row has a non-NULL key of its own
     * @param boundsKnown  whether {@code start} and {@code end} are the staged rows' earliest and latest event time
     *                     ({@link #eventTimeColumn}); both null when it has no non-NULL value
     */
    record Seen(boolean keysDistinct, boolean boundsKnown, LocalDateTime start, LocalDateTime end) {
        /** Nothing seen: the database checks the keys and reads the bounds. */
        static final Seen NOTHING = new Seen(false, false, null, null);
    }

    private WindowMerge() {
    }

    /** @return the key columns for a table (empty list = the whole row) */
    static List<String> keyOf(String table, TableSchema schema, TableLayout layout) {
        List<String> names = layout.columns().stream().map(ColumnDef::name).toList();
        for (String k : schema.documentedKey()) {
            if (names.contains(k)) {
                return List.of(k);
            }
        }
        if (names.contains("id")) {
            return List.of("id");
        }
        String singular = table.substring(table.lastIndexOf('_') + 1);
        singular = singular.endsWith("ies") ? singular.substring(0, singular.length() - 3) + "y"
                : singular.endsWith("s") ? singular.substring(0, singular.length() - 1) : singular;
        if (names.contains(singular + "_id")) {
            return List.of(singular + "_id");
        }
        return List.of();
    }

    /**
     * The window's bounds (MIN and MAX of its typed event-time column) and, with a key, whether every row of the
     * staging table has a key of its own (no NULL key, no key twice): one query, or none for what the load has
     * {@link Seen seen} already.
     */
    private record Shape(LocalDateTime start, LocalDateTime end, boolean uniqueKey) {
    }

    private static Shape shape(Connection c, String stageQ, TableLayout layout, List<String> key, Seen seen)
            throws SQLException {
        String event = seen.boundsKnown() ? null : eventTimeColumn(layout);
        boolean countKeys = !key.isEmpty() && !seen.keysDistinct();
        if (event == null && !countKeys) {
            return new Shape(seen.start(), seen.end(), !key.isEmpty() && seen.keysDistinct());
        }
        String e = event == null ? null : Identifiers.quote(event);
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(e == null ? "NULL, NULL" : "MIN(" + e + "), MAX(" + e + ")");
        if (countKeys) {
            String k = key.size() == 1 ? Identifiers.quote(key.get(0))
                    : "(" + key.stream().map(Identifiers::quote).collect(Collectors.joining(", ")) + ")";
            String notNull = key.stream().map(n -> Identifiers.quote(n) + " IS NOT NULL")
                    .collect(Collectors.joining(" AND "));
            sql.append(", COUNT(*), COUNT(DISTINCT ").append(k).append(") FILTER (WHERE ").append(notNull)
                    .append("), COUNT(*) FILTER (WHERE ").append(notNull).append(")");
        }
        sql.append(" FROM ").append(stageQ);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            rs.next();
            LocalDateTime start = seen.start();
            LocalDateTime end = seen.end();
            if (e != null) {
                Timestamp a = rs.getTimestamp(1);
                Timestamp b = rs.getTimestamp(2);
                start = a == null ? null : a.toLocalDateTime();
                end = b == null ? null : b.toLocalDateTime();
            }
            boolean unique = !key.isEmpty() && (!countKeys
                    || rs.getLong(3) == rs.getLong(4) && rs.getLong(3) == rs.getLong(5));
            return new Shape(start, end, unique);
        }
    }

    /**
     * @param seen     what the load saw of the staged rows (then the database does not count the keys or read the
     *                 bounds again)
     * @param live     the live table's column types after drift and widening (column → SQL type of the live table)
     * @param textType the dialect's SQL type for text, used to compare a typed staged value with a text live column
     * @param batch    whether the delete of the replaced rows and the insert go to the database in one round trip (a
     *                 driver that sends {@code ;}-separated statements together)
     */
    static Outcome merge(Connection c, String schema, String table, String stage, TableLayout layout, List<String> key,
                         Seen seen, boolean delta, Map<String, ColumnType> live, String textType, boolean batch)
            throws SQLException {
        String liveQ = Identifiers.qualified(schema, table);
        String stageQ = Identifiers.qualified(schema, stage);
        List<ColumnDef> cols = layout.columns();
        List<String> data = cols.stream().map(ColumnDef::name)
                .filter(n -> !n.equals(TableLayout.LINEAGE_JOB_ID) && !n.equals(TableLayout.LINEAGE_LOADED_AT)).toList();
        String target = cols.stream().map(col -> Identifiers.quote(col.name())).collect(Collectors.joining(", "));
        boolean deletes = delta && data.contains(DELETED_AT) && !key.isEmpty();
        Shape shape = shape(c, stageQ, layout, key, seen);
        long inserted;
        if (!key.isEmpty()) {
            String match = key.stream().map(k -> "l." + Identifiers.quote(k) + " = " + staged("s", k, layout, live,
                    textType)).collect(Collectors.joining(" AND "));
            String delete = "DELETE FROM " + liveQ + " AS l WHERE EXISTS (SELECT 1 FROM " + stageQ + " s WHERE " + match
                            + ")";
            String select = cols.stream().map(col -> staged("w", col.name(), layout, live, textType))
                    .collect(Collectors.joining(", "));
            String deleted = deletes ? "w." + Identifiers.quote(DELETED_AT) + " IS NULL" : null;
            String insert;
            if (shape.uniqueKey()) {
                // one row per key already: no window function (a sort of the whole window) needed
                insert = "INSERT INTO " + liveQ + " (" + target + ") SELECT " + select + " FROM " + stageQ + " w"
                         + (deleted != null ? " WHERE " + deleted : "");
            } else {
                String partition = key.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
                insert = "INSERT INTO " + liveQ + " (" + target + ") SELECT " + select + " FROM (SELECT s.*, "
                         + "ROW_NUMBER() OVER (PARTITION BY " + partition + ") AS _dc_rn FROM " + stageQ
                         + " s) w WHERE w._dc_rn = 1" + (deleted != null ? " AND " + deleted : "");
            }
            if (batch) {
                try (Statement s = c.createStatement()) {
                    s.execute(delete + ";\n" + insert);
                    if (s.getMoreResults() || s.getUpdateCount() < 0) {
                        throw new SQLException("No row count for the rows merged into table " + table);
                    }
                    inserted = s.getUpdateCount();
                }
            } else {
                execute(c, delete);
                inserted = update(c, insert);
            }
        } else {
            String dataTarget = data.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
            String fromStage = data.stream().map(n -> staged("s", n, layout, live, textType))
                    .collect(Collectors.joining(", "));
            String fromLive = data.stream().map(n -> "l." + Identifiers.quote(n)).collect(Collectors.joining(", "));
            String extraTarget = "";
            String extraSelect = "";
            if (layout.hasLineage()) {
                extraTarget = ", " + Identifiers.quote(TableLayout.LINEAGE_JOB_ID) + ", "
                              + Identifiers.quote(TableLayout.LINEAGE_LOADED_AT);
                extraSelect = ", (SELECT MIN(" + Identifiers.quote(TableLayout.LINEAGE_JOB_ID) + ") FROM " + stageQ
                              + "), (SELECT MIN(" + Identifiers.quote(TableLayout.LINEAGE_LOADED_AT) + ") FROM "
                              + stageQ + ")";
            }
            inserted = update(c, "INSERT INTO " + liveQ + " (" + dataTarget + extraTarget + ") SELECT n.*" + extraSelect
                                 + " FROM (SELECT " + fromStage + " FROM " + stageQ + " s EXCEPT SELECT " + fromLive
                                 + " FROM " + liveQ + " l) n");
        }
        return new Outcome(inserted, key, shape.start(), shape.end());
    }

    /**
     * A window table's first load: when no two rows of the staging table (a plain, logged table) share a key (or, for a
     * table without one, are equal), it is renamed into the live table (which does not exist yet) instead of being
     * copied into it, and a delta table's deleted rows are deleted from it; the same rows as {@link #merge}. One
     * statement checks for duplicates (unless they are known to be distinct) and reads the window's bounds.
     *
     * @param seen what the load saw of the staged rows: distinct keys need no duplicate check in the database, known
     *             bounds no scan
     * @param rows the rows in the staging table
     * @param batch whether the rename and a delta table's delete go to the database in one round trip (a driver that
     *              sends {@code ;}-separated statements together)
     * @return the outcome, or null when rows need de-duplicating (the staging table is left as it is)
     */
    static Outcome adopt(Connection c, String schema, String table, String stage, TableLayout layout, List<String> key,
                         Seen seen, boolean delta, long rows, boolean batch)
            throws SQLException {
        String stageQ = Identifiers.qualified(schema, stage);
        List<String> group = !key.isEmpty() ? key : layout.columns().stream().map(ColumnDef::name)
                .filter(n -> !n.equals(TableLayout.LINEAGE_JOB_ID) && !n.equals(TableLayout.LINEAGE_LOADED_AT)).toList();
        boolean deletes = delta && !key.isEmpty()
                          && layout.columns().stream().anyMatch(col -> col.name().equals(DELETED_AT));
        String event = seen.boundsKnown() ? null : eventTimeColumn(layout);
        boolean check = !(seen.keysDistinct() && !key.isEmpty());
        String sql = "SELECT " + (check ? "EXISTS (SELECT 1 FROM " + stageQ + " GROUP BY "
                                          + group.stream().map(Identifiers::quote).collect(Collectors.joining(", "))
                                          + " HAVING COUNT(*) > 1)" : "FALSE")
                     + (event == null ? "" : ", MIN(" + Identifiers.quote(event) + "), MAX(" + Identifiers.quote(event)
                                             + ") FROM " + stageQ);
        LocalDateTime start = seen.start();
        LocalDateTime end = seen.end();
        if (check || event != null) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                if (!rs.next() || rs.getBoolean(1)) {
                    return null;
                }
                if (event != null) {
                    Timestamp a = rs.getTimestamp(2);
                    Timestamp b = rs.getTimestamp(3);
                    start = a == null ? null : a.toLocalDateTime();
                    end = b == null ? null : b.toLocalDateTime();
                }
            }
        }
        String rename = "ALTER TABLE " + stageQ + " RENAME TO " + Identifiers.quote(table);
        String delete = "DELETE FROM " + Identifiers.qualified(schema, table) + " WHERE "
                        + Identifiers.quote(DELETED_AT) + " IS NOT NULL";
        long kept = rows;
        if (!deletes) {
            execute(c, rename);
        } else if (batch) {
            try (Statement s = c.createStatement()) {
                s.execute(rename + ";\n" + delete);
                if (s.getMoreResults() || s.getUpdateCount() < 0) {
                    throw new SQLException("No row count for the deleted rows of table " + table);
                }
                kept -= s.getUpdateCount();
            }
        } else {
            execute(c, rename);
            kept -= update(c, delete);
        }
        return new Outcome(kept, key, start, end);
    }

    /** @return the window's typed event-time column ({@link #EVENT_TIME} order), or null */
    static String eventTimeColumn(TableLayout layout) {
        for (String name : EVENT_TIME) {
            for (ColumnDef col : layout.columns()) {
                if (col.name().equals(name) && col.type() == ColumnType.TIMESTAMP) {
                    return name;
                }
            }
        }
        return null;
    }

    /** A staged column as the live table holds it: cast to text when the live column is text and the staged is not. */
    private static String staged(String alias, String name, TableLayout layout, Map<String, ColumnType> live,
                                 String textType) {
        String ref = alias + "." + Identifiers.quote(name);
        ColumnType liveType = live.get(name);
        ColumnType stageType = layout.columns().stream().filter(col -> col.name().equals(name)).map(ColumnDef::type)
                .findFirst().orElse(ColumnType.TEXT);
        return liveType == ColumnType.TEXT && stageType != ColumnType.TEXT ? "CAST(" + ref + " AS " + textType + ")"
                : ref;
    }

    /** @return whether a table of this name is a delta (change data capture) table */
    static boolean isDelta(String table) {
        return table.toLowerCase(Locale.ROOT).startsWith("cdc");
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }
}
