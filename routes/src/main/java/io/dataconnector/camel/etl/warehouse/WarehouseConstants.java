package io.dataconnector.camel.etl.warehouse;

import org.apache.camel.spi.Metadata;

/**
 * Headers of the {@code dcwarehouse:} loading endpoint. The job identity headers carry the same names as the
 * {@code dataconnector:} component's, so a route that got the job from {@code dataconnector:jobs} passes them on as
 * they are.
 */
public final class WarehouseConstants {

    @Metadata(label = "producer", description = "The Data Connector job the extract table belongs to (required with"
                                                + " a stream or file body).", javaType = "String")
    public static final String JOB_ID = "CamelDataConnectorJobId";
    @Metadata(label = "producer", description = "The data request that spawned the job (optional).",
              javaType = "String")
    public static final String REQUEST_ID = "CamelDataConnectorRequestId";
    @Metadata(label = "producer", description = "The extract file name, e.g. admin_users.csv: it names the warehouse"
                                                + " table (required with a stream or file body).", javaType = "String")
    public static final String FILE_NAME = "CamelDataConnectorFileName";
    @Metadata(label = "producer", description = "The CSV's size in bytes, recorded in the load history (optional).",
              javaType = "Long")
    public static final String FILE_SIZE = "CamelDataConnectorFileSize";
    @Metadata(label = "producer", description = "When the job completed: orders snapshots of one table (optional).",
              javaType = "java.time.Instant")
    public static final String JOB_COMPLETED_AT = "CamelDcWarehouseJobCompletedAt";
    @Metadata(label = "producer", description = "The column types of the CSV, e.g. from the extract's schema"
                                                + " documents; inferred from the data when absent.",
              javaType = "io.dataconnector.camel.etl.warehouse.TableSchema")
    public static final String TABLE_SCHEMA = "CamelDcWarehouseTableSchema";
    @Metadata(label = "producer", description = "Set after the load: its status (LOADED, ALREADY_LOADED, SUPERSEDED,"
                                                + " FAILED).", javaType = "String")
    public static final String LOAD_STATUS = "CamelDcWarehouseLoadStatus";
    @Metadata(label = "producer", description = "Set after the load: the rows read from the CSV.", javaType = "Long")
    public static final String ROWS = "CamelDcWarehouseRows";

    private WarehouseConstants() {
    }
}
