package io.dataconnector.camel.component.auth;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caches an access token and obtains a new one ahead of its expiry. One lock serializes obtaining, so concurrent
 * callers never cause two token requests (a refresh token is single-use); callers with a still-valid cached token
 * do not take the lock.
 */
abstract class CachingTokenProvider implements TokenProvider {

    /** Refresh when less than this remains (or half the lifetime, for short-lived tokens). */
    static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);

    private record Cached(String token, Instant refreshAt, Instant expiresAt) {
    }

    protected final Clock clock;
    private final Logger log = LoggerFactory.getLogger(getClass());
    private final Object lock = new Object();
    private volatile Cached cached;

    CachingTokenProvider(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Obtains a new token; called under the lock. */
    protected abstract TokenResponse obtain() throws IOException;

    /** Called under the lock after a token was obtained and before it is returned; may throw to withhold it. */
    protected void afterObtain(TokenResponse response) throws IOException {
    }

    /** Called under the lock before the cached token is returned; may throw to withhold it. */
    protected void beforeReturningCached() throws IOException {
    }

    /** A short description of the grant for log lines. */
    protected abstract String describe();

    @Override
    public String getAccessToken() throws IOException {
        Cached c = cached;
        if (c != null && clock.instant().isBefore(c.refreshAt()) && !needsAttention()) {
            return c.token();
        }
        synchronized (lock) {
            c = cached;
            if (c != null && clock.instant().isBefore(c.refreshAt())) {
                beforeReturningCached();
                return c.token();
            }
            TokenResponse response = obtain();
            Instant now = clock.instant();
            long lifetime = Math.max(0, response.expiresIn());
            Duration ahead = REFRESH_AHEAD.compareTo(Duration.ofSeconds(lifetime / 2)) < 0
                    ? REFRESH_AHEAD : Duration.ofSeconds(lifetime / 2);
            Instant expiresAt = now.plusSeconds(lifetime);
            cached = new Cached(response.accessToken(), expiresAt.minus(ahead), expiresAt);
            afterObtain(response);
            log.info("access token refreshed, expires in {} s ({})", lifetime, describe());
            return response.accessToken();
        }
    }

    /** @return true when the fast path must take the lock even though the cached token is fresh */
    protected boolean needsAttention() {
        return false;
    }

    @Override
    public boolean invalidate(String rejectedToken) {
        synchronized (lock) {
            Cached c = cached;
            if (c != null && Objects.equals(c.token(), rejectedToken)) {
                cached = null;
                log.debug("{}: access token rejected by the API; a new one will be obtained", describe());
            }
            return canObtain();
        }
    }

    /** @return whether obtaining a new token is possible at all */
    protected boolean canObtain() {
        return true;
    }

    /** @return when the cached access token expires, or null when none is cached */
    public Instant getExpiresAt() {
        Cached c = cached;
        return c == null ? null : c.expiresAt();
    }
}
