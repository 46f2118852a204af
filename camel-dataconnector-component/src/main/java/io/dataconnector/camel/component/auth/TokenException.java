package io.dataconnector.camel.component.auth;

import java.io.IOException;

/**
 * The token endpoint refused to issue a token. Carries the HTTP status and the server's {@code error} /
 * {@code error_description}; never the credentials, tokens or assertion that were sent.
 */
public class TokenException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final String errorDescription;

    public TokenException(int status, String error, String errorDescription, String message) {
        super(message);
        this.status = status;
        this.error = error;
        this.errorDescription = errorDescription;
    }

    /** @return the HTTP status of the answer (0 when the answer was unreadable) */
    public int getStatus() {
        return status;
    }

    /** @return the OAuth {@code error} code (e.g. {@code invalid_grant}), or null */
    public String getError() {
        return error;
    }

    /** @return the server's {@code error_description}, or null */
    public String getErrorDescription() {
        return errorDescription;
    }

    /** @return true for {@code invalid_grant}: the refresh token / assertion is no longer accepted */
    public boolean isInvalidGrant() {
        return "invalid_grant".equals(error);
    }
}
