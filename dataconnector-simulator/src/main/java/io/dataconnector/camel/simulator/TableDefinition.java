package io.dataconnector.camel.simulator;

import java.util.List;

/**
 * One table of an extract as Autodesk documents it: its service group ({@code admin}), its name within the group
 * ({@code users}, the heading and anchor in {@code docs/schemas/admin.html}), a description and its columns in
 * ordinal order. The extract file is {@code <group>_<table>.csv} ({@code admin_users.csv}).
 */
public final class TableDefinition {

    private final String serviceGroup;
    private final String docName;
    private final String description;
    private final List<SchemaColumn> columns;
    private final boolean headerOnly;

    /**
     * @param headerOnly the table is always empty (a header-only CSV), as some real tables are
     */
    public TableDefinition(String serviceGroup, String docName, String description, List<SchemaColumn> columns,
                           boolean headerOnly) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("Table " + serviceGroup + "_" + docName + " has no columns");
        }
        this.serviceGroup = serviceGroup;
        this.docName = docName;
        this.description = description == null ? "" : description;
        this.columns = List.copyOf(columns);
        this.headerOnly = headerOnly;
    }

    /** {@code <group>_<table>}, e.g. {@code activities_admin_activities}: the CSV's name without {@code .csv}. */
    public String name() {
        return serviceGroup + "_" + docName;
    }

    public String csvName() {
        return name() + ".csv";
    }

    public String serviceGroup() {
        return serviceGroup;
    }

    /** The table's name within its group's schema documentation, e.g. {@code admin_activities}. */
    public String docName() {
        return docName;
    }

    public String description() {
        return description;
    }

    public List<SchemaColumn> columns() {
        return columns;
    }

    public boolean headerOnly() {
        return headerOnly;
    }

    /** True for the groups whose jobs hold only a date window: {@code activities} and the delta {@code cdc*} groups. */
    public boolean dateRange() {
        return isDateRangeGroup(serviceGroup);
    }

    public static boolean isDateRangeGroup(String group) {
        return group.equals("activities") || group.startsWith("cdc");
    }

    /** The same table with other columns (e.g. a test's override). */
    TableDefinition withColumns(List<SchemaColumn> cols) {
        return new TableDefinition(serviceGroup, docName, description, cols, headerOnly);
    }
}
