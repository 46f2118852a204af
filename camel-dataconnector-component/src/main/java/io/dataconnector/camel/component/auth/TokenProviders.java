package io.dataconnector.camel.component.auth;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses and builds the {@link TokenProvider} that plain settings describe. */
public final class TokenProviders {

    /** The default API host root. */
    public static final String DEFAULT_BASE_URL = "https://developer.api.autodesk.com";
    /** The default scopes. */
    public static final String DEFAULT_SCOPES = "data:read data:write data:create";

    private static final Logger LOG = LoggerFactory.getLogger(TokenProviders.class);

    private TokenProviders() {
    }

    /**
     * Builds the provider:
     * <ol>
     * <li>a {@link ServiceAccountTokenProvider} when {@code serviceAccountId} is set (needs clientId, clientSecret,
     * serviceAccountKeyId, serviceAccountPrivateKeyFile);</li>
     * <li>else a {@link RefreshTokenProvider} when {@code refreshToken} is set or the {@code tokenStore} file holds a
     * token (needs clientId, clientSecret; no tokenStore: an in-memory store);</li>
     * <li>else a {@link StaticTokenProvider} when {@code accessToken} is set.</li>
     * </ol>
     *
     * @throws IllegalArgumentException naming the missing or invalid option
     */
    public static TokenProvider create(AuthSettings s) {
        if (s == null) {
            throw new IllegalArgumentException("No authentication settings given");
        }
        String baseUrl = blank(s.baseUrl()) ? DEFAULT_BASE_URL : s.baseUrl().trim();
        HttpClient http = s.httpClient() != null ? s.httpClient() : HttpClient.newHttpClient();
        Duration timeout = s.requestTimeout() != null ? s.requestTimeout() : Duration.ofSeconds(30);
        Clock clock = s.clock() != null ? s.clock() : Clock.systemUTC();

        if (!blank(s.serviceAccountId())) {
            require(s.clientId(), "clientId", "a Secure Service Account (serviceAccountId)");
            require(s.clientSecret(), "clientSecret", "a Secure Service Account (serviceAccountId)");
            require(s.serviceAccountKeyId(), "serviceAccountKeyId", "a Secure Service Account (serviceAccountId)");
            require(s.serviceAccountPrivateKeyFile(), "serviceAccountPrivateKeyFile",
                    "a Secure Service Account (serviceAccountId)");
            PrivateKey key;
            Path keyFile = Path.of(s.serviceAccountPrivateKeyFile().trim());
            try {
                key = PemKeys.readPrivateKey(keyFile);
            } catch (IOException e) {
                throw new IllegalArgumentException("The option serviceAccountPrivateKeyFile: cannot read " + keyFile
                                                   + " (" + e.getClass().getSimpleName() + ")", e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("The option serviceAccountPrivateKeyFile: " + e.getMessage(), e);
            }
            LOG.info("Data Connector authentication: Secure Service Account {}", s.serviceAccountId());
            return new ServiceAccountTokenProvider(new TokenEndpoint(http, baseUrl, timeout), s.clientId(),
                    s.clientSecret(), s.serviceAccountId().trim(), s.serviceAccountKeyId().trim(), key,
                    blank(s.scopes()) ? DEFAULT_SCOPES : s.scopes(), clock);
        }

        RefreshTokenStore store = blank(s.tokenStore())
                ? new InMemoryRefreshTokenStore() : new FileRefreshTokenStore(Path.of(s.tokenStore().trim()));
        Optional<String> stored = Optional.empty();
        if (!blank(s.tokenStore())) {
            try {
                stored = store.load();
            } catch (IOException e) {
                throw new IllegalArgumentException("The option tokenStore: cannot read " + s.tokenStore() + " ("
                                                   + e.getClass().getSimpleName() + ")", e);
            }
        }
        if (!blank(s.refreshToken()) || stored.isPresent()) {
            String why = "a refresh token (refreshToken or tokenStore)";
            require(s.clientId(), "clientId", why);
            require(s.clientSecret(), "clientSecret", why);
            if (!blank(s.accessToken())) {
                LOG.info("Both accessToken and a refresh token are configured; the refresh token is used");
            }
            LOG.info("Data Connector authentication: refresh token ({})",
                    stored.isPresent() ? "from " + store : "from the refreshToken option, persisted to " + store);
            return new RefreshTokenProvider(new TokenEndpoint(http, baseUrl, timeout), s.clientId(), s.clientSecret(),
                    s.refreshToken(), store, blank(s.scopes()) ? null : s.scopes(), clock);
        }
        if (!blank(s.accessToken())) {
            LOG.info("Data Connector authentication: static access token (it cannot be refreshed)");
            return new StaticTokenProvider(s.accessToken());
        }
        throw new IllegalArgumentException("No Data Connector authentication configured: set accessToken; or clientId,"
                                           + " clientSecret and refreshToken (optionally tokenStore); or clientId,"
                                           + " clientSecret, serviceAccountId, serviceAccountKeyId and"
                                           + " serviceAccountPrivateKeyFile");
    }

    private static void require(String value, String option, String forWhat) {
        if (blank(value)) {
            throw new IllegalArgumentException("The option " + option + " is required for " + forWhat);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** How a provider obtains tokens, for operators: service account, refresh token, static token or custom. */
    public static String authMode(TokenProvider provider) {
        if (provider instanceof ServiceAccountTokenProvider) {
            return "service account (JWT bearer)";
        }
        if (provider instanceof RefreshTokenProvider) {
            return "3-legged refresh token";
        }
        if (provider instanceof StaticTokenProvider) {
            return "static access token";
        }
        return "custom (" + provider.getClass().getSimpleName() + ")";
    }

    /** When the provider's current access token expires; null when unknown (static, custom or none fetched yet). */
    public static java.time.Instant expiresAt(TokenProvider provider) {
        return provider instanceof CachingTokenProvider caching ? caching.getExpiresAt() : null;
    }
}
