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
import java.util.concurrent.CopyOnWriteArrayList;

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
    private final Map<SharingKey, DataConnectorClient> clients = new ConcurrentHashMap<>();
    private final Map<SharingKey, TokenProvider> tokenProviders = new ConcurrentHashMap<>();
    private final Map<List<Object>, CallBudget> callBudgets = new ConcurrentHashMap<>();
    private final List<HttpClient> httpClients = new CopyOnWriteArrayList<>();

    DataConnectorClientFactory(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /** The shared client for an endpoint configuration. */
    DataConnectorClient clientFor(DataConnectorConfiguration configuration) {
        return clients.computeIfAbsent(SharingKey.connection(configuration), key -> create(configuration));
    }

    /**
     * Forgets every client, token provider and call budget, and stops the clients' HTTP clients (the component stops,
     * after its routes: nothing uses them any more; see {@link HttpClientShutdown}).
     */
    void clear() {
        httpClients.forEach(HttpClientShutdown::shutdown);
        httpClients.clear();
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
        httpClients.add(httpClient);
        Duration requestTimeout = Duration.ofMillis(configuration.getRequestTimeout());
        SharingKey credentials = SharingKey.credentials(configuration);
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
     * Settings under which endpoints share something, compared part by part: {@link #credentials} (who the calls are
     * made as, and where the token endpoint is reached: host, proxy, TLS) share a token provider and call budget;
     * {@link #connection} (those plus the HTTP client's settings) share a client. Its toString never shows a
     * credential.
     */
    record SharingKey(String kind, List<Object> parts) {

        static SharingKey credentials(DataConnectorConfiguration c) {
            return new SharingKey("CredentialsKey", java.util.Arrays.asList(
                    c.getBaseUrl(), c.getAccessToken(), c.getClientId(), c.getClientSecret(), c.getRefreshToken(),
                    c.getTokenStore(), c.getServiceAccountId(), c.getServiceAccountKeyId(),
                    c.getServiceAccountPrivateKeyFile(), c.getScopes(), c.getTokenProvider(), c.getProxyHost(),
                    c.getProxyPort(), c.getSslContextParameters()));
        }

        static SharingKey connection(DataConnectorConfiguration c) {
            return new SharingKey("ConnectionKey", java.util.Arrays.asList(
                    c.getBaseUrl(), c.getAccessToken(), c.getClientId(), c.getClientSecret(), c.getRefreshToken(),
                    c.getTokenStore(), c.getServiceAccountId(), c.getServiceAccountKeyId(),
                    c.getServiceAccountPrivateKeyFile(), c.getScopes(), c.getTokenProvider(), c.getConnectTimeout(),
                    c.getRequestTimeout(), c.getMaxRetries(), c.getRetryDelay(), c.getMaxRetryDelay(),
                    c.getCallsPerMinute(), c.getProxyHost(), c.getProxyPort(), c.getSslContextParameters()));
        }

        @Override
        public String toString() {
            return kind + "[" + Objects.toString(parts.get(0)) + "]";
        }
    }
}
