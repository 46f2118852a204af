package io.dataconnector.camel.component.auth;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Objects;

/**
 * A Secure Service Account token for unattended runs: posts an RS256 JWT assertion signed with the account's private
 * key (grant {@code urn:ietf:params:oauth:grant-type:jwt-bearer}) and obtains a new token ahead of expiry.
 */
public final class ServiceAccountTokenProvider extends CachingTokenProvider {

    /** Lifetime of an assertion (the maximum APS accepts). */
    public static final long ASSERTION_LIFETIME_SECONDS = 300;

    private final TokenEndpoint endpoint;
    private final String clientId;
    private final String clientSecret;
    private final String serviceAccountId;
    private final String keyId;
    private final PrivateKey key;
    private final String scopes;

    public ServiceAccountTokenProvider(TokenEndpoint endpoint, String clientId, String clientSecret,
                                      String serviceAccountId, String keyId, PrivateKey key, String scopes,
                                      Clock clock) {
        super(clock == null ? Clock.systemUTC() : clock);
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.clientId = RefreshTokenProvider.requireText(clientId, "clientId");
        this.clientSecret = RefreshTokenProvider.requireText(clientSecret, "clientSecret");
        this.serviceAccountId = RefreshTokenProvider.requireText(serviceAccountId, "serviceAccountId");
        this.keyId = RefreshTokenProvider.requireText(keyId, "serviceAccountKeyId");
        this.key = Objects.requireNonNull(key, "key");
        if (!"RSA".equalsIgnoreCase(key.getAlgorithm())) {
            throw new IllegalArgumentException("The service account private key must be an RSA key, not "
                                               + key.getAlgorithm());
        }
        this.scopes = scopes == null || scopes.isBlank() ? TokenProviders.DEFAULT_SCOPES : scopes.trim();
    }

    @Override
    protected TokenResponse obtain() throws IOException {
        return endpoint.jwtBearer(clientId, clientSecret, createAssertion(), scopes);
    }

    /** @return a fresh signed assertion (valid {@value #ASSERTION_LIFETIME_SECONDS} s from the clock's now) */
    String createAssertion() throws IOException {
        try {
            return JwtAssertion.create(clientId, serviceAccountId, keyId, key, scopes, clock.instant(),
                    ASSERTION_LIFETIME_SECONDS);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot sign the service account assertion: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    protected String describe() {
        return "service account " + serviceAccountId;
    }

    @Override
    public String toString() {
        return "ServiceAccountTokenProvider[endpoint=" + endpoint.getTokenUri() + ", clientId="
               + RefreshTokenProvider.mask(clientId) + ", serviceAccountId=" + serviceAccountId + ", keyId=" + keyId
               + "]";
    }
}
