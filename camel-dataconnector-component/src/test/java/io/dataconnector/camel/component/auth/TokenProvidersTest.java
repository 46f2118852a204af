package io.dataconnector.camel.component.auth;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenProvidersTest {

    @TempDir
    Path dir;

    private static AuthSettings settings(String accessToken, String clientId, String clientSecret,
                                         String refreshToken, String tokenStore, String saId, String saKid,
                                         String saKeyFile) {
        return new AuthSettings("http://127.0.0.1:9", accessToken, clientId, clientSecret, refreshToken, tokenStore,
                saId, saKid, saKeyFile, "data:read", HttpClient.newHttpClient(), Duration.ofSeconds(5),
                Clock.systemUTC());
    }

    private Path pkcs8Key() throws Exception {
        Path key = dir.resolve("ssa.pem");
        Files.writeString(key, TestKeys.pem("PRIVATE KEY", TestKeys.RSA.getPrivate().getEncoded()));
        return key;
    }

    @Test
    void serviceAccountWinsWhenItsIdIsSet() throws Exception {
        TokenProvider p = TokenProviders.create(settings("at", "cid", "csecret", "rt", null, "sa-1", "kid-1",
                pkcs8Key().toString()));
        assertThat(p).isInstanceOf(ServiceAccountTokenProvider.class);
    }

    @Test
    void serviceAccountNeedsItsCompanions() throws Exception {
        String key = pkcs8Key().toString();
        assertThatThrownBy(() -> TokenProviders.create(settings(null, null, "s", null, null, "sa", "kid", key)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientId");
        assertThatThrownBy(() -> TokenProviders.create(settings(null, "c", null, null, null, "sa", "kid", key)))
                .hasMessageContaining("clientSecret");
        assertThatThrownBy(() -> TokenProviders.create(settings(null, "c", "s", null, null, "sa", null, key)))
                .hasMessageContaining("serviceAccountKeyId");
        assertThatThrownBy(() -> TokenProviders.create(settings(null, "c", "s", null, null, "sa", "kid", null)))
                .hasMessageContaining("serviceAccountPrivateKeyFile");
    }

    @Test
    void serviceAccountKeyProblemsNameTheOption() throws Exception {
        Path pkcs1 = dir.resolve("pkcs1.pem");
        Files.writeString(pkcs1, TestKeys.pem("RSA PRIVATE KEY", new byte[] { 1 }));
        assertThatThrownBy(() -> TokenProviders.create(settings(null, "c", "s", null, null, "sa", "kid",
                pkcs1.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serviceAccountPrivateKeyFile")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() -> TokenProviders.create(settings(null, "c", "s", null, null, "sa", "kid",
                dir.resolve("absent.pem").toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serviceAccountPrivateKeyFile")
                .hasMessageContaining("absent.pem");
    }

    @Test
    void refreshTokenProviderFromTheOptionOrTheStoreFile() throws Exception {
        assertThat(TokenProviders.create(settings("at", "c", "s", "rt", null, null, null, null)))
                .isInstanceOf(RefreshTokenProvider.class);
        Path store = dir.resolve("store/refresh.token");
        new FileRefreshTokenStore(store).save("rt-stored");
        assertThat(TokenProviders.create(settings(null, "c", "s", null, store.toString(), null, null, null)))
                .isInstanceOf(RefreshTokenProvider.class);
    }

    @Test
    void refreshTokenNeedsClientCredentials() {
        assertThatThrownBy(() -> TokenProviders.create(settings(null, null, "s", "rt", null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientId");
        assertThatThrownBy(() -> TokenProviders.create(settings(null, "c", "", "rt", null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientSecret");
    }

    @Test
    void staticTokenWhenNothingElse() {
        assertThat(TokenProviders.create(settings("at", null, null, null, null, null, null, null)))
                .isInstanceOf(StaticTokenProvider.class);
        // an empty store file does not make a refresh-token provider
        assertThat(TokenProviders.create(settings("at", null, null, null, dir.resolve("none").toString(), null,
                null, null))).isInstanceOf(StaticTokenProvider.class);
    }

    @Test
    void nothingConfiguredSaysWhatToSet() {
        assertThatThrownBy(() -> TokenProviders.create(settings(null, null, null, null, null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accessToken")
                .hasMessageContaining("refreshToken")
                .hasMessageContaining("serviceAccountId");
    }

    @Test
    void settingsToStringHidesSecrets() {
        AuthSettings s = settings("the-access-token", "the-client-id", "the-client-secret", "the-refresh-token",
                null, null, null, null);
        assertThat(s.toString()).doesNotContain("the-access-token", "the-client-secret", "the-refresh-token",
                "the-client-id");
    }
}
