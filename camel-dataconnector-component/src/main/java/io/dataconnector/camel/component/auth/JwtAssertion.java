package io.dataconnector.camel.component.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Builds the RS256-signed JWT assertion of a Secure Service Account with the JDK only
 * ({@code SHA256withRSA}, base64url without padding).
 */
public final class JwtAssertion {

    /** The audience of APS assertions. */
    public static final String AUDIENCE = "https://developer.api.autodesk.com/authentication/v2/token";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private JwtAssertion() {
    }

    /**
     * @param clientId         the {@code iss}
     * @param serviceAccountId the {@code sub}
     * @param keyId            the header's {@code kid}
     * @param key              the RSA private key
     * @param scopes           space-separated scopes, sent as the {@code scope} array claim
     * @param now              the {@code iat}; {@code exp} is {@code now + lifetimeSeconds}
     * @param lifetimeSeconds  the lifetime of the assertion (APS allows at most 300 s)
     * @return the compact JWT
     */
    public static String create(String clientId, String serviceAccountId, String keyId, PrivateKey key, String scopes,
                                Instant now, long lifetimeSeconds) throws GeneralSecurityException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("kid", keyId);
        header.put("typ", "JWT");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", clientId);
        claims.put("sub", serviceAccountId);
        claims.put("aud", AUDIENCE);
        claims.put("exp", now.getEpochSecond() + lifetimeSeconds);
        claims.put("iat", now.getEpochSecond());
        claims.put("scope", splitScopes(scopes));
        String signingInput = encodeJson(header) + "." + encodeJson(claims);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64URL.encodeToString(signature.sign());
    }

    static List<String> splitScopes(String scopes) {
        List<String> list = new ArrayList<>();
        if (scopes != null) {
            for (String s : scopes.trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    list.add(s);
                }
            }
        }
        return list;
    }

    private static String encodeJson(Map<String, Object> value) {
        try {
            return B64URL.encodeToString(JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode JWT part", e);
        }
    }
}
