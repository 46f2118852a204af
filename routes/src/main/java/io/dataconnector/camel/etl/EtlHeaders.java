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

    private EtlHeaders() {
    }
}
