package io.dataconnector.camel.etl;

/** Headers and exchange properties of the ETL routes (the Camel prefix keeps them out of HTTP requests). */
public final class EtlHeaders {

    /** Size in bytes the data listing announced for the file being fetched. */
    public static final String EXPECTED_SIZE = "CamelDataConnectorEtlExpectedSize";
    /** Set to true by the download step when the storage host refused the signed URL as expired. */
    public static final String URL_EXPIRED = "CamelDataConnectorEtlUrlExpired";
    /** The name of the ZIP entry being unpacked. */
    public static final String ENTRY_NAME = "CamelDataConnectorEtlEntryName";
    /** Exchange property: the {@link JobWork} of the job being loaded. */
    public static final String JOB_WORK = "dcEtlJobWork";
    /**
     * Exchange property set by each template instance: the warehouse schema its jobs load into (the tables, the load
     * history and the job claims); unset = {@code warehouse.schema}.
     */
    public static final String SCHEMA = "dcEtlSchema";
    /**
     * Exchange property set by each template instance: the name of its {@code dataconnector} component (its account's
     * connection: credentials, token store, call budget), used by the shared steps' API calls.
     */
    public static final String CONNECTION = "dcEtlConnection";

    private EtlHeaders() {
    }
}
