package io.dataconnector.camel.component;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.dataconnector.camel.component.api.CallBudget;
import io.dataconnector.camel.component.api.DataConnectorClient;
import io.dataconnector.camel.component.api.RetryPolicy;
import io.dataconnector.camel.component.auth.AuthSettings;
import io.dataconnector.camel.component.auth.TokenProvider;
import io.dataconnector.camel.component.auth.TokenProviders;
import org.apache.camel.CamelContext;

/**
 * Builds the API client of an endpoint configuration. Endpoints whose connection settings are equal share one client.
 * Endpoints with the same credentials share one token provider (a refresh token is single-use: two providers rotating
 * the same token would lock each other out) and one call budget (the API's limit is per client id), even when their
 * HTTP tuning differs (e.g. a download endpoint with its own connect timeout).
 */
final class DataConnectorClientFactory {

    private final CamelContext camelContext;
    private final Map<ConnectionKey, DataConnectorClient> clients = new ConcurrentHashMap<>();
    private final Map<CredentialsKey, TokenProvider> tokenProviders = new ConcurrentHashMap<>();
    private final Map<List<Object>, CallBudget> callBudgets = new ConcurrentHashMap<>();

    DataConnectorClientFactory(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /** The shared client for an endpoint configuration. */
    DataConnectorClient clientFor(DataConnectorConfiguration configuration) {
        return clients.computeIfAbsent(new ConnectionKey(configuration), key -> create(configuration));
    }

    /** Forgets every client, token provider and call budget (the component stops). */
    void clear() {
        clients.clear();
        tokenProviders.clear();
        callBudgets.clear();
    }

    private DataConnectorClient create(DataConnectorConfiguration configuration) {
        HttpClient.Builder http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(configuration.getConnectTimeout()))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (configuration.getProxyHost() != null) {
            int port = configuration.getProxyPort() == null ? 8080 : configuration.getProxyPort();
            http.proxy(ProxySelector.of(new InetSocketAddress(configuration.getProxyHost(), port)));
        }
        if (configuration.getSslContextParameters() != null) {
            try {
                http.sslContext(configuration.getSslContextParameters().createSSLContext(camelContext));
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalArgumentException("Invalid sslContextParameters: " + e.getMessage(), e);
            }
        }
        HttpClient httpClient = http.build();
        Duration requestTimeout = Duration.ofMillis(configuration.getRequestTimeout());
        CredentialsKey credentials = new CredentialsKey(configuration);
        TokenProvider tokens = tokenProviders.computeIfAbsent(credentials, key -> configuration.getTokenProvider() != null
                ? configuration.getTokenProvider()
                : TokenProviders.create(new AuthSettings(
                        configuration.getBaseUrl(), configuration.getAccessToken(), configuration.getClientId(),
                        configuration.getClientSecret(), configuration.getRefreshToken(), configuration.getTokenStore(),
                        configuration.getServiceAccountId(), configuration.getServiceAccountKeyId(),
                        configuration.getServiceAccountPrivateKeyFile(), configuration.getScopes(), httpClient,
                        requestTimeout, Clock.systemUTC())));
        CallBudget budget = callBudgets.computeIfAbsent(List.of(credentials, configuration.getCallsPerMinute()),
                key -> new CallBudget(configuration.getCallsPerMinute()));
        RetryPolicy retryPolicy = new RetryPolicy(configuration.getMaxRetries(),
                Duration.ofMillis(configuration.getRetryDelay()), Duration.ofMillis(configuration.getMaxRetryDelay()));
        return new DataConnectorClient(configuration.getBaseUrl(), httpClient, tokens, retryPolicy, budget,
                requestTimeout, ApiMetrics.observerFor(camelContext));
    }

    /**
     * Who the calls are made as, and where the token endpoint is reached (host, proxy, TLS). Its toString never shows
     * a credential.
     */
    static final class CredentialsKey {
        private final Object[] parts;

        CredentialsKey(DataConnectorConfiguration c) {
            parts = new Object[] {
                    c.getBaseUrl(), c.getAccessToken(), c.getClientId(), c.getClientSecret(), c.getRefreshToken(),
                    c.getTokenStore(), c.getServiceAccountId(), c.getServiceAccountKeyId(),
                    c.getServiceAccountPrivateKeyFile(), c.getScopes(), c.getTokenProvider(), c.getProxyHost(),
                    c.getProxyPort(), c.getSslContextParameters() };
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CredentialsKey other && java.util.Arrays.equals(parts, other.parts);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(parts);
        }

        @Override
        public String toString() {
            return "CredentialsKey[" + Objects.toString(parts[0]) + "]";
        }
    }

    /** The settings that make two endpoints able to share a client. Its toString never shows a credential. */
    static final class ConnectionKey {
        private final Object[] parts;

        ConnectionKey(DataConnectorConfiguration c) {
            parts = new Object[] {
                    c.getBaseUrl(), c.getAccessToken(), c.getClientId(), c.getClientSecret(), c.getRefreshToken(),
                    c.getTokenStore(), c.getServiceAccountId(), c.getServiceAccountKeyId(),
                    c.getServiceAccountPrivateKeyFile(), c.getScopes(), c.getTokenProvider(), c.getConnectTimeout(),
                    c.getRequestTimeout(), c.getMaxRetries(), c.getRetryDelay(), c.getMaxRetryDelay(),
                    c.getCallsPerMinute(), c.getProxyHost(), c.getProxyPort(), c.getSslContextParameters() };
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ConnectionKey other && java.util.Arrays.equals(parts, other.parts);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(parts);
        }

        @Override
        public String toString() {
            return "ConnectionKey[" + Objects.toString(parts[0]) + "]";
        }
    }
}
