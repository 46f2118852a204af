package io.dataconnector.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthTest extends SimTestSupport {

    static KeyPair keys;
    static KeyPair otherKeys;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
        otherKeys = g.generateKeyPair();
    }

    HttpResponse<String> token(String form, String basicUser, String basicPass) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (basicUser != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((basicUser + ":" + basicPass)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void apiNeedsAValidBearer() {
        startDefault();
        HttpResponse<String> none = call("GET", sim.apiBaseUrl() + "/requests", null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none).get("developerMessage").asText()).isNotBlank();
        assertThat(call("GET", sim.apiBaseUrl() + "/requests", null, "bogus").statusCode()).isEqualTo(401);
        sim.registerAccessToken("short-lived", clock.instant().plusSeconds(60));
        assertThat(call("GET", sim.apiBaseUrl() + "/requests", null, "short-lived").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(61));
        HttpResponse<String> expired = call("GET", sim.apiBaseUrl() + "/requests", null, "short-lived");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json(expired).get("developerMessage").asText()).contains("expired");
        sim.setAuthRequired(false);
        assertThat(call("GET", sim.apiBaseUrl() + "/requests", null, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", sim.apiBaseUrl() + "/requests", null, "anything").statusCode()).isEqualTo(200);
    }

    @Test
    void refreshTokenRotates() throws Exception {
        startDefault();
        sim.registerClient("cid", "secret");
        sim.registerRefreshToken("cid", "rt-1");
        HttpResponse<String> r = token("grant_type=refresh_token&refresh_token=rt-1", "cid", "secret");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asInt()).isEqualTo(3600);
        String rt2 = body.get("refresh_token").asText();
        assertThat(rt2).isNotEqualTo("rt-1");
        assertThat(sim.isRefreshTokenValid("rt-1")).isFalse();
        assertThat(sim.isRefreshTokenValid(rt2)).isTrue();
        String access = body.get("access_token").asText();
        assertThat(call("GET", sim.apiBaseUrl() + "/jobs", null, access).statusCode()).isEqualTo(200);

        HttpResponse<String> reused = token("grant_type=refresh_token&refresh_token=rt-1", "cid", "secret");
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(json(reused).get("error").asText()).isEqualTo("invalid_grant");
        // client credentials as form fields work too
        HttpResponse<String> form = token("grant_type=refresh_token&refresh_token=" + rt2
                + "&client_id=cid&client_secret=secret", null, null);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(token("grant_type=refresh_token&refresh_token=x", "cid", "wrong").statusCode()).isEqualTo(401);
        // access tokens expire after an hour
        clock.advance(Duration.ofMinutes(61));
        assertThat(call("GET", sim.apiBaseUrl() + "/jobs", null, access).statusCode()).isEqualTo(401);
        // client_credentials
        HttpResponse<String> cc = token("grant_type=client_credentials&scope=data%3Aread", "cid", "secret");
        assertThat(cc.statusCode()).isEqualTo(200);
        assertThat(json(cc).has("refresh_token")).isFalse();
        assertThat(token("grant_type=password", "cid", "secret").statusCode()).isEqualTo(400);
    }

    @Test
    void jwtBearerVerifiesSignatureAndClaims() throws Exception {
        startDefault();
        sim.registerClient("cid", "secret");
        sim.registerServiceAccount("cid", "sa-1", "kid-1", (RSAPublicKey) keys.getPublic());
        long exp = clock.instant().plusSeconds(300).getEpochSecond();
        String aud = "https://developer.api.autodesk.com/authentication/v2/token";

        String good = jwt(keys.getPrivate(), "kid-1", "cid", "sa-1", aud, exp);
        HttpResponse<String> ok = token(grant(good), "cid", "secret");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        String access = json(ok).get("access_token").asText();
        assertThat(call("GET", sim.apiBaseUrl() + "/jobs", null, access).statusCode()).isEqualTo(200);
        // own token URL as audience, no client auth
        assertThat(token(grant(jwt(keys.getPrivate(), "kid-1", "cid", "sa-1", sim.tokenUrl(), exp)), null, null)
                .statusCode()).isEqualTo(200);

        String[] bad = {
            jwt(otherKeys.getPrivate(), "kid-1", "cid", "sa-1", aud, exp), // wrong key
            jwt(keys.getPrivate(), "kid-2", "cid", "sa-1", aud, exp), // unknown kid
            jwt(keys.getPrivate(), "kid-1", "other", "sa-1", aud, exp), // iss
            jwt(keys.getPrivate(), "kid-1", "cid", "sa-2", aud, exp), // sub
            jwt(keys.getPrivate(), "kid-1", "cid", "sa-1", "https://evil/token", exp), // aud
            jwt(keys.getPrivate(), "kid-1", "cid", "sa-1", aud, clock.instant().getEpochSecond() - 1), // expired
            "not.a.jwt",
        };
        for (String b : bad) {
            HttpResponse<String> r = token(grant(b), "cid", "secret");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(json(r).get("error").asText()).isEqualTo("invalid_grant");
        }
        // tampered payload with a valid old signature
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + b64(("{\"iss\":\"cid\",\"sub\":\"sa-1\",\"aud\":\"" + aud
                + "\",\"exp\":" + (exp + 1000) + "}").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(token(grant(tampered), "cid", "secret").statusCode()).isEqualTo(400);
    }

    static String grant(String assertion) {
        return "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer",
                StandardCharsets.UTF_8) + "&assertion=" + assertion + "&scope=data%3Aread";
    }

    static String jwt(PrivateKey key, String kid, String iss, String sub, String aud, long exp) throws Exception {
        String header = b64(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        String payload = b64(("{\"iss\":\"" + iss + "\",\"sub\":\"" + sub + "\",\"aud\":\"" + aud + "\",\"exp\":"
                + exp + ",\"scope\":[\"data:read\"]}").getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + b64(s.sign());
    }

    static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Test
    void rateLimitPerToken() {
        start(DataConnectorSimulator.builder().instantJobs().rateLimitPerMinute(3));
        for (int i = 0; i < 3; i++) {
            assertThat(api("GET", "/jobs").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = api("GET", "/jobs");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        clock.advance(Duration.ofSeconds(61));
        assertThat(api("GET", "/jobs").statusCode()).isEqualTo(200);
    }
}
