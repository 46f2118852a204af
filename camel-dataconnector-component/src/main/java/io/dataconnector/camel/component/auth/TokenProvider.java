package io.dataconnector.camel.component.auth;

import java.io.IOException;

/**
 * Supplies the bearer token of the Data Connector API calls. Implementations are thread-safe.
 */
public interface TokenProvider {

    /**
     * @return a currently valid access token (implementations refresh ahead of expiry)
     * @throws IOException when no token can be obtained (e.g. the token endpoint refused the refresh token)
     */
    String getAccessToken() throws IOException;

    /**
     * Called after the API answered 401 for {@code rejectedToken}.
     *
     * @return true when a fresh token can be obtained (the next {@link #getAccessToken()} fetches it unless another
     *         caller already did), false when not (e.g. a static token): the caller should then give up
     */
    boolean invalidate(String rejectedToken);
}
