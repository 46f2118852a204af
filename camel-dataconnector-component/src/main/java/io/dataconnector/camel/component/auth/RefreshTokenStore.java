package io.dataconnector.camel.component.auth;

import java.io.IOException;
import java.util.Optional;

/** Keeps the latest (rotated) refresh token so a restart can continue with it. */
public interface RefreshTokenStore {

    /** @return the stored refresh token, empty when none was stored */
    Optional<String> load() throws IOException;

    /** Replaces the stored refresh token. */
    void save(String refreshToken) throws IOException;
}
