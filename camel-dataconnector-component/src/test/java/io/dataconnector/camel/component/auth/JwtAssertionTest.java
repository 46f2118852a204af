package io.dataconnector.camel.component.auth;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JwtAssertionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");

    private static JsonNode part(String b64url) throws Exception {
        assertThat(b64url).doesNotContain("=", "+", "/");
        return JSON.readTree(Base64.getUrlDecoder().decode(b64url));
    }

    @Test
    void buildsAnRs256JwtVerifiableWithThePublicKey() throws Exception {
        String jwt = JwtAssertion.create("client-1", "sa-42", "kid-7", TestKeys.RSA.getPrivate(),
                "data:read  data:write data:create", NOW, 300);
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);

        JsonNode header = part(parts[0]);
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(header.get("kid").asText()).isEqualTo("kid-7");
        assertThat(header.get("typ").asText()).isEqualTo("JWT");

        JsonNode claims = part(parts[1]);
        assertThat(claims.get("iss").asText()).isEqualTo("client-1");
        assertThat(claims.get("sub").asText()).isEqualTo("sa-42");
        assertThat(claims.get("aud").asText()).isEqualTo("https://developer.api.autodesk.com/authentication/v2/token");
        assertThat(claims.get("iat").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.get("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 300);
        assertThat(claims.get("scope").isArray()).isTrue();
        assertThat(JSON.convertValue(claims.get("scope"), String[].class))
                .containsExactly("data:read", "data:write", "data:create");

        byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
        assertThat(parts[2]).doesNotContain("=");
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(TestKeys.RSA.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(sig)).isTrue();

        // a different key does not verify it
        Signature other = Signature.getInstance("SHA256withRSA");
        other.initVerify(TestKeys.generate("RSA", 2048).getPublic());
        other.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(other.verify(sig)).isFalse();
    }
}
