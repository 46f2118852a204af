package io.dataconnector.camel.component.auth;

import java.util.Optional;

/** A refresh-token store that lives as long as the JVM (nothing survives a restart). */
public final class InMemoryRefreshTokenStore implements RefreshTokenStore {

    private volatile String token;

    public InMemoryRefreshTokenStore() {
    }

    public InMemoryRefreshTokenStore(String initial) {
        this.token = initial;
    }

    @Override
    public Optional<String> load() {
        return Optional.ofNullable(token);
    }

    @Override
    public void save(String refreshToken) {
        this.token = refreshToken;
    }

    @Override
    public String toString() {
        return "InMemoryRefreshTokenStore[" + (token == null ? "empty" : "token=***") + "]";
    }
}
