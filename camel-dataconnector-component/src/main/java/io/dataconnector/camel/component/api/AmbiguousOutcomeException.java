package io.dataconnector.camel.component.api;

/**
 * A call that is not idempotent failed in a way that leaves open whether the server carried it out: HTTP 500, 502 or
 * 504, or the connection lost after the request was sent. The caller must find out before sending it again.
 */
class AmbiguousOutcomeException extends DataConnectorException {

    private static final long serialVersionUID = 1L;

    AmbiguousOutcomeException(int statusCode, String operation, String resource, String apiError, Throwable cause) {
        super(statusCode, operation, resource, apiError, cause);
    }
}
