package io.dataconnector.camel.component;

/**
 * The Data Connector API operations a producer endpoint can invoke. The names are ours; the HTTP mapping is the API's.
 */
public enum DataConnectorOperation {
    createRequest,
    listRequests,
    getRequest,
    updateRequest,
    deleteRequest,
    listRequestJobs,
    listJobs,
    getJob,
    cancelJob,
    listJobFiles,
    getJobFileUrl,
    downloadJobFile
}
