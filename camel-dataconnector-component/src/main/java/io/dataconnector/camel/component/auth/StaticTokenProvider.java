package io.dataconnector.camel.component.auth;

import java.util.Objects;

/** A fixed bearer token, e.g. obtained out of band. It cannot be refreshed. */
public final class StaticTokenProvider implements TokenProvider {

    private final String token;

    public StaticTokenProvider(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("The access token is blank");
        }
        this.token = token.trim();
    }

    @Override
    public String getAccessToken() {
        return token;
    }

    @Override
    public boolean invalidate(String rejectedToken) {
        return false;
    }

    @Override
    public String toString() {
        return "StaticTokenProvider[token=***]";
    }
}
