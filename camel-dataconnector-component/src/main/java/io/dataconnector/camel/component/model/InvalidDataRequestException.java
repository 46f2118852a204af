package io.dataconnector.camel.component.model;

/**
 * A data request that the API would reject (or that could not be read), detected before it is sent.
 * {@link #getField()} names the offending field.
 */
public class InvalidDataRequestException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidDataRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public InvalidDataRequestException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** @return the JSON name of the offending field (e.g. {@code scheduleInterval}), or null when not field-specific */
    public String getField() {
        return field;
    }
}
