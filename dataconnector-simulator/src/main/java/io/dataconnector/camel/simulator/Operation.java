package io.dataconnector.camel.simulator;

/** The operations the simulator serves; every received request is classified as one of them. */
public enum Operation {
    CREATE_REQUEST,
    LIST_REQUESTS,
    GET_REQUEST,
    UPDATE_REQUEST,
    DELETE_REQUEST,
    LIST_REQUEST_JOBS,
    LIST_JOBS,
    GET_JOB,
    CANCEL_JOB,
    LIST_JOB_FILES,
    GET_JOB_FILE_URL,
    /** GET (or HEAD) of a signed storage URL. */
    DOWNLOAD,
    /** POST /authentication/v2/token. */
    TOKEN,
    /** GET /data-connector/v1/doc/schema?name=&lt;group&gt;&amp;format=html|json (public: no token needed). */
    SCHEMA_DOC,
    UNKNOWN;

    /** True for the Data Connector API operations (the ones needing a bearer token). */
    public boolean isApi() {
        return this != DOWNLOAD && this != TOKEN && this != SCHEMA_DOC && this != UNKNOWN;
    }
}
