package io.dataconnector.camel.component.api;

import org.apache.camel.spi.HttpResponseAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call to the Data Connector API failed. Carries the HTTP status, the operation, the ids involved and the API's own
 * error text; never a token, secret or signed URL.
 * <p>
 * {@link #getMessage()} is one line: {@code Data Connector getJob failed with HTTP 403 (accountId=…, jobId=…): Invalid
 * user access level for the specified projects/account [FORBIDDEN]}. An expected API answer (a 4xx other than 429,
 * with no underlying cause) carries no stack trace, so logs show that line alone; with DEBUG enabled for this class
 * it does.
 */
public class DataConnectorException extends RuntimeException implements HttpResponseAware {

    private static final Logger LOG = LoggerFactory.getLogger(DataConnectorException.class);

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String operation;
    private final String resource;
    private final String apiError;

    public DataConnectorException(int statusCode, String operation, String resource, String apiError) {
        this(statusCode, operation, resource, apiError, null);
    }

    public DataConnectorException(int statusCode, String operation, String resource, String apiError, Throwable cause) {
        super(describe(statusCode, operation, resource, apiError), cause, true,
                cause != null || !isExpectedApiAnswer(statusCode) || LOG.isDebugEnabled());
        this.statusCode = statusCode;
        this.operation = operation;
        this.resource = resource;
        this.apiError = apiError;
    }

    /** A client error the API answered on purpose (forbidden, not found, bad request…): the stack adds nothing. */
    static boolean isExpectedApiAnswer(int statusCode) {
        return statusCode >= 400 && statusCode < 500 && statusCode != 429;
    }

    private static String describe(int statusCode, String operation, String resource, String apiError) {
        StringBuilder sb = new StringBuilder("Data Connector ").append(operation).append(" failed");
        if (statusCode > 0) {
            sb.append(" with HTTP ").append(statusCode);
        }
        if (resource != null && !resource.isEmpty()) {
            sb.append(" (").append(resource).append(')');
        }
        if (apiError != null && !apiError.isBlank()) {
            sb.append(": ").append(apiError.replaceAll("\\s+", " ").trim());
        }
        return sb.toString();
    }

    /** The HTTP status (Camel's consumer health check reports it), or 0 when no response was received. */
    @Override
    public int getHttpResponseCode() {
        return statusCode;
    }

    /** The status is fixed when the exception is created; this does nothing. */
    @Override
    public void setHttpResponseCode(int code) {
        // immutable
    }

    /** The API's error text as the status text. */
    @Override
    public String getHttpResponseStatus() {
        return apiError;
    }

    /** The text is fixed when the exception is created; this does nothing. */
    @Override
    public void setHttpResponseStatus(String status) {
        // immutable
    }

    /** The HTTP status, or 0 when no response was received (I/O failure, timeout). */
    public int getStatusCode() {
        return statusCode;
    }

    public String getOperation() {
        return operation;
    }

    /** The ids the call was about, e.g. {@code accountId=…, jobId=…}. */
    public String getResource() {
        return resource;
    }

    /** The error text the API returned, if any. */
    public String getApiError() {
        return apiError;
    }
}
