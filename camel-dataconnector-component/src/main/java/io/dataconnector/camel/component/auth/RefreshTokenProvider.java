package io.dataconnector.camel.component.auth;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 3-legged token kept alive with a refresh token (grant {@code refresh_token}).
 * <p>
 * Refresh tokens rotate: each refresh returns a new one and the old one stops working. The provider therefore
 * <ul>
 * <li>starts from the token found in the {@link RefreshTokenStore}, falling back to the configured initial token
 * (also when the stored one is refused while the configured one differs: a re-authorized user puts the new token in
 * the configuration);</li>
 * <li>persists every rotated refresh token to the store before it returns the new access token (if saving fails, the
 * token is kept in memory, the call fails, and the next call retries the save first);</li>
 * <li>refreshes under one lock so concurrent callers never spend the same refresh token twice.</li>
 * </ul>
 */
public final class RefreshTokenProvider extends CachingTokenProvider {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshTokenProvider.class);

    private final TokenEndpoint endpoint;
    private final String clientId;
    private final String clientSecret;
    private final String initialRefreshToken;
    private final RefreshTokenStore store;
    private final String scopes;

    // guarded by the lock of CachingTokenProvider (only touched in obtain/afterObtain/beforeReturningCached)
    private String refreshToken;
    private boolean loaded;
    private volatile boolean unsaved;
    private volatile boolean dead;

    public RefreshTokenProvider(TokenEndpoint endpoint, String clientId, String clientSecret,
                                String initialRefreshToken, RefreshTokenStore store, String scopes, Clock clock) {
        super(clock == null ? Clock.systemUTC() : clock);
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.clientId = requireText(clientId, "clientId");
        this.clientSecret = requireText(clientSecret, "clientSecret");
        this.initialRefreshToken = initialRefreshToken == null || initialRefreshToken.isBlank()
                ? null : initialRefreshToken.trim();
        this.store = store == null ? new InMemoryRefreshTokenStore() : store;
        this.scopes = scopes;
    }

    @Override
    protected TokenResponse obtain() throws IOException {
        if (!loaded) {
            Optional<String> stored = store.load();
            refreshToken = stored.filter(s -> !s.isBlank()).orElse(initialRefreshToken);
            loaded = true;
            LOG.debug("Refresh token taken from {}", stored.isPresent() ? store : "the configuration");
        }
        if (refreshToken == null) {
            dead = true;
            throw new TokenException(0, null, null,
                    "No refresh token available: set the refreshToken option or provide one in " + store);
        }
        try {
            TokenResponse response;
            try {
                response = endpoint.refresh(clientId, clientSecret, refreshToken, scopes);
            } catch (TokenException e) {
                if (!e.isInvalidGrant() || initialRefreshToken == null || initialRefreshToken.equals(refreshToken)) {
                    throw e;
                }
                LOG.warn("The stored refresh token was refused ({}); retrying with the configured refreshToken",
                        e.getError());
                refreshToken = initialRefreshToken;
                unsaved = true;
                response = endpoint.refresh(clientId, clientSecret, refreshToken, scopes);
            }
            dead = false;
            return response;
        } catch (TokenException e) {
            if (e.isInvalidGrant()) {
                dead = true;
            }
            throw e;
        }
    }

    @Override
    protected void afterObtain(TokenResponse response) throws IOException {
        String rotated = response.refreshToken();
        if (rotated != null && !rotated.isBlank() && !rotated.equals(refreshToken)) {
            refreshToken = rotated;
            unsaved = true;
        }
        saveIfNeeded();
    }

    @Override
    protected void beforeReturningCached() throws IOException {
        saveIfNeeded();
    }

    @Override
    protected boolean needsAttention() {
        return unsaved;
    }

    private void saveIfNeeded() throws IOException {
        if (!unsaved) {
            return;
        }
        try {
            store.save(refreshToken);
            unsaved = false;
        } catch (IOException | RuntimeException e) {
            LOG.error("The rotated refresh token could not be saved to {} ({}); it is kept in memory and the save"
                      + " is retried on the next call", store, e.getClass().getSimpleName());
            throw new IOException("The rotated refresh token could not be saved to " + store + ": "
                                  + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    protected boolean canObtain() {
        return !dead;
    }

    @Override
    protected String describe() {
        return "refresh-token grant for client " + mask(clientId);
    }

    static String mask(String id) {
        if (id == null) {
            return "null";
        }
        return id.length() <= 6 ? "***" : id.substring(0, 4) + "…";
    }

    static String requireText(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The option " + option + " is required");
        }
        return value.trim();
    }

    @Override
    public String toString() {
        return "RefreshTokenProvider[endpoint=" + endpoint.getTokenUri() + ", clientId=" + mask(clientId)
               + ", store=" + store + "]";
    }
}
