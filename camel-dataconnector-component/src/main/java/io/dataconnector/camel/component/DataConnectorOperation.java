package io.dataconnector.camel.component;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a {@code dataconnector:<operation>} endpoint does: one of the API operations a producer invokes, or
 * {@link #jobs} / {@link #callback}, the completed-job consumers (polling / push). The names are ours; the HTTP mapping is the API's.
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
    downloadJobFile,
    /** The completed-job consumer ({@code from("dataconnector:jobs")}); not an operation a producer can invoke. */
    jobs,
    /**
     * The job-completion callback receiver ({@code from("dataconnector:callback")}): the push companion of {@link #jobs};
     * not an operation a producer can invoke.
     */
    callback;

    /** True for the endpoints that can only be used in {@code from(...)}. */
    public boolean isConsumer() {
        return this == jobs || this == callback;
    }

    /**
     * The operation named in an endpoint URI or a header, exactly as spelled.
     *
     * @throws IllegalArgumentException naming the text, a close match if any, and every valid name
     */
    public static DataConnectorOperation of(String name) {
        if (name != null) {
            for (DataConnectorOperation operation : values()) {
                if (operation.name().equals(name.trim())) {
                    return operation;
                }
            }
        }
        String hint = "";
        if (name != null) {
            for (DataConnectorOperation operation : values()) {
                if (operation.name().toLowerCase(Locale.ROOT).equals(name.trim().toLowerCase(Locale.ROOT))) {
                    hint = " (did you mean " + operation.name() + "?)";
                }
            }
        }
        throw new IllegalArgumentException("Unknown Data Connector operation '" + name + "'" + hint
                                           + "; valid operations: " + validNames());
    }

    /** Every valid name, comma separated, the consumer ones marked. */
    public static String validNames() {
        return Arrays.stream(values()).map(o -> o.isConsumer() ? o.name() + " (consumer)" : o.name())
                .collect(Collectors.joining(", "));
    }
}
