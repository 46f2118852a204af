package io.dataconnector.camel.etl;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The completed-job consumer's exception handler in the ETL ({@code exceptionHandler=#dcEtlPollErrors}): a failed poll
 * (e.g. the job listing answering 403 "Invalid user access level…") is one WARN line with the API's text, the status
 * and the ids, as {@code DataConnectorException} words it; the stack trace only at DEBUG. The next poll tries again.
 */
public class PollErrors implements ExceptionHandler {

    /** The registry name the template's consumer refers to. */
    public static final String NAME = "dcEtlPollErrors";

    private static final Logger LOG = LoggerFactory.getLogger(PollErrors.class);

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        String what = exception == null ? String.valueOf(message) : exception.getMessage();
        LOG.warn("Polling for completed jobs failed: {}", what);
        LOG.debug("Polling for completed jobs failed", exception);
    }
}
