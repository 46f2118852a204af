package io.dataconnector.camel.component.api;

/**
 * The storage host refused a signed URL as expired or denied (HTTP 403, or 400 saying it expired). A fresh signed URL
 * (operation getJobFileUrl, or downloadJobFile again) may succeed. Carries the storage host's error text, never the
 * URL.
 */
public class SignedUrlExpiredException extends DataConnectorException {

    private static final long serialVersionUID = 1L;

    public SignedUrlExpiredException(int statusCode, String operation, String resource, String storageError) {
        super(statusCode, operation, resource, storageError);
    }
}
