package io.dataconnector.camel.component;

import org.apache.camel.spi.Metadata;

/**
 * Message headers read and written by the Data Connector component. A header set on the incoming message wins over
 * the equivalent URI option.
 */
public final class DataConnectorConstants {

    @Metadata(label = "producer", description = "The operation to perform; overrides the operation in the URI.",
              javaType = "io.dataconnector.camel.component.DataConnectorOperation")
    public static final String OPERATION = "CamelDataConnectorOperation";

    @Metadata(description = "The Data Connector account id (ACC hub id without its `b.` prefix); overrides the accountId option.",
              javaType = "String")
    public static final String ACCOUNT_ID = "CamelDataConnectorAccountId";

    @Metadata(description = "The data request id. Input of the request operations and listRequestJobs; set on the result of"
                            + " createRequest and on every consumed job.",
              javaType = "String")
    public static final String REQUEST_ID = "CamelDataConnectorRequestId";

    @Metadata(description = "The job id. Input of getJob, cancelJob, listJobFiles, getJobFileUrl and downloadJobFile;"
                            + " set on every consumed job.",
              javaType = "String")
    public static final String JOB_ID = "CamelDataConnectorJobId";

    @Metadata(label = "producer", description = "The extract file name, e.g. autodesk_data_extract.zip or admin_users.csv."
                                                + " Input of getJobFileUrl and downloadJobFile.",
              javaType = "String")
    public static final String FILE_NAME = "CamelDataConnectorFileName";

    @Metadata(label = "producer", description = "Restricts listJobs to one project id.", javaType = "String")
    public static final String PROJECT_ID = "CamelDataConnectorProjectId";

    @Metadata(label = "producer", description = "The size in bytes announced for the file by the API (getJobFileUrl,"
                                                + " downloadJobFile).",
              javaType = "Long")
    public static final String FILE_SIZE = "CamelDataConnectorFileSize";

    @Metadata(label = "producer", description = "Total number of results the API reports for a list operation.",
              javaType = "Integer")
    public static final String TOTAL_RESULTS = "CamelDataConnectorTotalResults";

    @Metadata(label = "consumer", description = "The completion status of a consumed job: success, failed or cancelled.",
              javaType = "String")
    public static final String COMPLETION_STATUS = "CamelDataConnectorCompletionStatus";

    @Metadata(label = "consumer", description = "The attempt number of a consumed job: 1 the first time it is emitted, 2"
                                                + " when it is emitted again after a failed exchange, and so on.",
              javaType = "Integer")
    public static final String ATTEMPT = "CamelDataConnectorAttempt";

    private DataConnectorConstants() {
    }
}
