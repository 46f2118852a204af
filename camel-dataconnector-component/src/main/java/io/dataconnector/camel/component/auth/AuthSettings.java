package io.dataconnector.camel.component.auth;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/**
 * The plain authentication settings {@link TokenProviders#create(AuthSettings)} chooses a provider from.
 * Its {@link #toString()} shows which settings are set, never their secret values.
 *
 * @param baseUrl                      API host root (the token endpoint is {@code {baseUrl}/authentication/v2/token})
 * @param accessToken                  static bearer token
 * @param clientId                     APS client id
 * @param clientSecret                 APS client secret
 * @param refreshToken                 initial 3-legged refresh token
 * @param tokenStore                   path of the file persisting rotated refresh tokens (null: in memory)
 * @param serviceAccountId             Secure Service Account id
 * @param serviceAccountKeyId          key id of the service account key
 * @param serviceAccountPrivateKeyFile path of the PKCS#8 PEM private key
 * @param scopes                       space-separated scopes
 * @param httpClient                   client for the token endpoint (null: a default client)
 * @param requestTimeout               token request timeout (null: 30 s)
 * @param clock                        clock for expiry decisions (null: system UTC)
 */
public record AuthSettings(String baseUrl, String accessToken, String clientId, String clientSecret,
        String refreshToken, String tokenStore, String serviceAccountId, String serviceAccountKeyId,
        String serviceAccountPrivateKeyFile, String scopes, HttpClient httpClient, Duration requestTimeout,
        Clock clock) {

    @Override
    public String toString() {
        return "AuthSettings[baseUrl=" + baseUrl + ", accessToken=" + set(accessToken) + ", clientId="
               + set(clientId) + ", clientSecret=" + set(clientSecret) + ", refreshToken=" + set(refreshToken)
               + ", tokenStore=" + tokenStore + ", serviceAccountId=" + serviceAccountId + ", serviceAccountKeyId="
               + serviceAccountKeyId + ", serviceAccountPrivateKeyFile=" + serviceAccountPrivateKeyFile
               + ", scopes=" + scopes + ", requestTimeout=" + requestTimeout + "]";
    }

    private static String set(String s) {
        return s == null || s.isBlank() ? "<unset>" : "***";
    }
}
