package io.dataconnector.camel.etl.warehouse;

/**
 * How a table is loaded. Snapshot service groups (admin, issues, rfis, cost, …) hold the full current state in each
 * job; date-range groups ({@code activities_*} since 2023, the delta {@code cdc*} groups) hold only the job's window,
 * and Autodesk tells consumers to merge windows and expect duplicates (sources: APS blog "ACC/BIM 360 Insight Data
 * Connector API Supports Activities", 2023-05-30; Data Connector field guide, delta extraction).
 */
public enum LoadMode {
    /** staging table, then an atomic replace of the live table */
    SNAPSHOT,
    /** the job's window is merged into the live table: de-duplicated by key, never replacing earlier windows */
    WINDOW;

    /** @return the lower-case name used in the history and the summary */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
