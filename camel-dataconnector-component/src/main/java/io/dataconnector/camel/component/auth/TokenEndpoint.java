package io.dataconnector.camel.component.auth;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The APS token endpoint, {@code {baseUrl}/authentication/v2/token}: posts an {@code application/x-www-form-urlencoded}
 * grant with the client credentials as HTTP Basic and reads {@code {access_token, token_type, expires_in,
 * refresh_token}}. Errors become a {@link TokenException} carrying the status and the server's
 * {@code error}/{@code error_description}, never anything that was sent.
 */
public class TokenEndpoint {

    /** Path of the token endpoint below the base URL. */
    public static final String TOKEN_PATH = "/authentication/v2/token";
    /** The grant type of a Secure Service Account assertion. */
    public static final String JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SERVER_TEXT = 300;

    private final HttpClient httpClient;
    private final URI tokenUri;
    private final Duration requestTimeout;

    /**
     * @param httpClient     the client to post with
     * @param baseUrl        the API host root, e.g. {@code https://developer.api.autodesk.com}
     * @param requestTimeout timeout of one token request
     */
    public TokenEndpoint(HttpClient httpClient, String baseUrl, Duration requestTimeout) {
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
        Objects.requireNonNull(baseUrl, "baseUrl");
        String base = baseUrl.trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        this.tokenUri = URI.create(base + TOKEN_PATH);
        this.requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
    }

    /** @return the token URL */
    public URI getTokenUri() {
        return tokenUri;
    }

    /** Exchanges a refresh token (grant {@code refresh_token}); {@code scopes} may be null. */
    public TokenResponse refresh(String clientId, String clientSecret, String refreshToken, String scopes)
            throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        if (scopes != null && !scopes.isBlank()) {
            form.put("scope", scopes.trim());
        }
        return request(clientId, clientSecret, form);
    }

    /** Exchanges a signed JWT assertion (grant {@code urn:ietf:params:oauth:grant-type:jwt-bearer}). */
    public TokenResponse jwtBearer(String clientId, String clientSecret, String assertion, String scopes)
            throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", JWT_BEARER_GRANT);
        form.put("assertion", assertion);
        if (scopes != null && !scopes.isBlank()) {
            form.put("scope", scopes.trim());
        }
        return request(clientId, clientSecret, form);
    }

    /**
     * Posts a grant.
     *
     * @param form the form fields (grant_type first); their values never appear in an exception
     */
    public TokenResponse request(String clientId, String clientSecret, Map<String, String> form) throws IOException {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        String grant = form.get("grant_type");
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> e : form.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
        }
        String basic = Base64.getEncoder()
                .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenUri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = httpClient.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while calling the token endpoint " + tokenUri);
        } catch (IOException e) {
            // the JDK's messages name the URL at most; keep the cause type for diagnosis
            throw new IOException("Token endpoint " + tokenUri + " not reachable (grant " + grant + "): "
                                  + e.getClass().getSimpleName()
                                  + (e.getMessage() == null ? "" : " " + scrub(e.getMessage(), clientSecret, form)),
                    e);
        }
        int status = response.statusCode();
        String text = response.body() == null ? "" : response.body();
        if (status / 100 != 2) {
            String error = null;
            String description = null;
            try {
                JsonNode node = JSON.readTree(text);
                if (node != null && node.isObject()) {
                    error = textOf(node, "error", "errorCode", "code");
                    description = textOf(node, "error_description", "developerMessage", "message", "detail");
                }
            } catch (IOException | RuntimeException notJson) {
                // not JSON: fall through
            }
            error = clip(scrub(error, clientSecret, form));
            description = clip(scrub(description, clientSecret, form));
            StringBuilder msg = new StringBuilder("Token endpoint ").append(tokenUri).append(" answered HTTP ")
                    .append(status).append(" to grant ").append(grant);
            if (error != null) {
                msg.append(": ").append(error);
            }
            if (description != null) {
                msg.append(error == null ? ": " : " (").append(description).append(error == null ? "" : ")");
            }
            throw new TokenException(status, error, description, msg.toString());
        }
        try {
            JsonNode node = JSON.readTree(text);
            String accessToken = node == null ? null : textOf(node, "access_token");
            if (accessToken == null || accessToken.isBlank()) {
                throw new TokenException(status, null, null,
                        "Token endpoint " + tokenUri + " answered HTTP " + status + " without an access_token");
            }
            String tokenType = textOf(node, "token_type");
            JsonNode exp = node.get("expires_in");
            long expiresIn = 3600;
            if (exp != null && !exp.isNull()) {
                if (exp.isNumber()) {
                    expiresIn = exp.asLong();
                } else {
                    expiresIn = Long.parseLong(exp.asText().trim());
                }
            }
            return new TokenResponse(accessToken, tokenType, expiresIn, textOf(node, "refresh_token"));
        } catch (TokenException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new TokenException(status, null, null,
                    "Token endpoint " + tokenUri + " answered HTTP " + status + " with an unreadable body ("
                                                         + e.getClass().getSimpleName() + ")");
        }
    }

    private static String textOf(JsonNode node, String... names) {
        for (String n : names) {
            JsonNode v = node.get(n);
            if (v != null && !v.isNull() && !v.isContainerNode()) {
                String s = v.asText();
                if (!s.isBlank()) {
                    return s;
                }
            }
        }
        return null;
    }

    private static String clip(String s) {
        if (s == null || s.length() <= MAX_SERVER_TEXT) {
            return s;
        }
        return s.substring(0, MAX_SERVER_TEXT) + "…";
    }

    /** Removes from server text anything that was sent (in case the server echoes it). */
    private static String scrub(String text, String clientSecret, Map<String, String> form) {
        if (text == null) {
            return null;
        }
        String s = replace(text, clientSecret);
        for (Map.Entry<String, String> e : form.entrySet()) {
            if (!"grant_type".equals(e.getKey()) && !"scope".equals(e.getKey())) {
                s = replace(s, e.getValue());
            }
        }
        return s;
    }

    private static String replace(String text, String secret) {
        if (secret == null || secret.length() < 4) {
            return text;
        }
        return text.replace(secret, "***");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "TokenEndpoint[" + tokenUri + "]";
    }
}
