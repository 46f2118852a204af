package io.dataconnector.camel.component.auth;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceAccountTokenProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "ssa-client-secret-abc";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
    private LocalTokenServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Verifies the assertion like the real endpoint would, and answers with numbered tokens. */
    private void startVerifyingServer(long expiresIn) throws Exception {
        AtomicInteger n = new AtomicInteger();
        server = new LocalTokenServer(r -> {
            String[] parts = r.form().get("assertion").split("\\.");
            try {
                Signature v = Signature.getInstance("SHA256withRSA");
                v.initVerify(TestKeys.RSA.getPublic());
                v.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
                if (!v.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                    return LocalTokenServer.Answer.error(400, "invalid_grant", "bad signature");
                }
            } catch (Exception e) {
                return LocalTokenServer.Answer.error(400, "invalid_request", e.getClass().getSimpleName());
            }
            return LocalTokenServer.Answer.token("ssa-at-" + n.incrementAndGet(), expiresIn, null);
        });
    }

    private ServiceAccountTokenProvider provider() {
        return new ServiceAccountTokenProvider(server.endpoint(), "ssa-client", SECRET, "sa-1", "kid-1",
                TestKeys.RSA.getPrivate(), "data:read data:write", clock);
    }

    @Test
    void postsAJwtBearerGrantWithAVerifiableAssertion() throws Exception {
        startVerifyingServer(3600);
        assertThat(provider().getAccessToken()).isEqualTo("ssa-at-1");

        LocalTokenServer.Received r = server.last();
        assertThat(r.form()).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
                .containsEntry("scope", "data:read data:write")
                .containsKey("assertion");
        assertThat(r.basicUser()).isEqualTo("ssa-client");
        assertThat(r.basicPassword()).isEqualTo(SECRET);
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(r.form().get("assertion").split("\\.")[1]));
        assertThat(claims.get("iss").asText()).isEqualTo("ssa-client");
        assertThat(claims.get("sub").asText()).isEqualTo("sa-1");
        assertThat(claims.get("iat").asLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(claims.get("exp").asLong()).isEqualTo(clock.instant().getEpochSecond() + 300);
        assertThat(claims.get("scope")).hasSize(2);
    }

    @Test
    void reobtainsAheadOfExpiryWithAFreshAssertion() throws Exception {
        startVerifyingServer(3600);
        ServiceAccountTokenProvider p = provider();
        assertThat(p.getAccessToken()).isEqualTo("ssa-at-1");
        clock.advance(Duration.ofMinutes(50));
        assertThat(p.getAccessToken()).isEqualTo("ssa-at-1");
        clock.advance(Duration.ofMinutes(6));
        assertThat(p.getAccessToken()).isEqualTo("ssa-at-2");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(
                server.last().form().get("assertion").split("\\.")[1]));
        assertThat(claims.get("iat").asLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(p.invalidate("ssa-at-2")).isTrue();
        assertThat(p.getAccessToken()).isEqualTo("ssa-at-3");
    }

    @Test
    void errorsCarryNoAssertionOrSecret() throws Exception {
        server = new LocalTokenServer(r -> LocalTokenServer.Answer.error(400, "invalid_grant",
                "assertion " + r.form().get("assertion") + " rejected"));
        ServiceAccountTokenProvider p = provider();
        assertThatThrownBy(p::getAccessToken)
                .isInstanceOf(TokenException.class)
                .hasMessageContaining("invalid_grant")
                .hasMessageNotContaining(SECRET)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("eyJ[A-Za-z0-9_-]{10,}"));
        assertThat(p.toString()).doesNotContain(SECRET);
    }

    @Test
    void rejectsNonRsaKeys() {
        assertThatThrownBy(() -> new ServiceAccountTokenProvider(new TokenEndpoint(
                java.net.http.HttpClient.newHttpClient(), "http://localhost", null), "c", "s", "sa", "kid",
                TestKeys.generate("EC", 256).getPrivate(), null, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RSA");
    }
}
