package io.dataconnector.camel.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Access tokens, OAuth clients, rotating refresh tokens and service accounts (JWT bearer). */
final class TokenService {

    static final String AUTODESK_TOKEN_AUD = "https://developer.api.autodesk.com/authentication/v2/token";
    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final Duration ACCESS_TTL = Duration.ofHours(1);
    static final Duration REFRESH_TTL = Duration.ofDays(15);

    record Result(int status, Map<String, Object> body) {
    }

    private record RefreshGrant(String clientId, Instant expiresAt) {
    }

    private record ServiceAccount(String clientId, String serviceAccountId, RSAPublicKey key) {
    }

    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    /** token -> expiry (Instant.MAX = never). */
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, String> clients = new ConcurrentHashMap<>();
    private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, ServiceAccount> serviceAccounts = new ConcurrentHashMap<>();
    private volatile String ownTokenUrl;

    TokenService(Clock clock) {
        this.clock = clock;
    }

    void setOwnTokenUrl(String url) {
        this.ownTokenUrl = url;
    }

    String newOpaqueToken(int bytes) {
        return OpaqueTokens.next(bytes);
    }

    void registerAccessToken(String token, Instant expiresAt) {
        accessTokens.put(token, expiresAt == null ? Instant.MAX : expiresAt);
    }

    void revokeAccessToken(String token) {
        accessTokens.remove(token);
    }

    String issueAccessToken(Duration ttl) {
        String t = newOpaqueToken(32);
        accessTokens.put(t, clock.instant().plus(ttl));
        return t;
    }

    void registerClient(String clientId, String secret) {
        clients.put(clientId, secret);
    }

    void registerRefreshToken(String clientId, String refreshToken) {
        refreshTokens.put(refreshToken, new RefreshGrant(clientId, clock.instant().plus(REFRESH_TTL)));
    }

    boolean isRefreshTokenValid(String refreshToken) {
        RefreshGrant g = refreshTokens.get(refreshToken);
        return g != null && clock.instant().isBefore(g.expiresAt());
    }

    void registerServiceAccount(String clientId, String serviceAccountId, String keyId, RSAPublicKey key) {
        serviceAccounts.put(keyId, new ServiceAccount(clientId, serviceAccountId, key));
    }

    /** null when valid, else "missing", "invalid" or "expired". */
    String checkAccessToken(String token) {
        if (token == null || token.isEmpty()) {
            return "missing";
        }
        Instant exp = accessTokens.get(token);
        if (exp == null) {
            return "invalid";
        }
        return clock.instant().isBefore(exp) ? null : "expired";
    }

    /** Handles POST /authentication/v2/token. */
    Result token(Map<String, String> form, String authorization) {
        String clientId = form.get("client_id");
        String secret = form.get("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String dec = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int i = dec.indexOf(':');
                if (i > 0) {
                    clientId = dec.substring(0, i);
                    secret = dec.substring(i + 1);
                }
            } catch (IllegalArgumentException e) {
                return error(401, "invalid_client", "Malformed Basic authorization");
            }
        }
        boolean clientPresented = clientId != null && secret != null;
        boolean clientOk = clientPresented && secret.equals(clients.get(clientId));
        String grant = form.get("grant_type");
        if (grant == null) {
            return error(400, "invalid_request", "grant_type is required");
        }
        switch (grant) {
            case "refresh_token": {
                if (!clientOk) {
                    return error(401, "invalid_client", "The client credentials are invalid");
                }
                String rt = form.get("refresh_token");
                if (rt == null) {
                    return error(400, "invalid_request", "refresh_token is required");
                }
                RefreshGrant g = refreshTokens.remove(rt);
                if (g == null || !g.clientId().equals(clientId) || !clock.instant().isBefore(g.expiresAt())) {
                    return error(400, "invalid_grant", "The refresh token is invalid or expired");
                }
                String next = newOpaqueToken(32);
                registerRefreshToken(clientId, next);
                Map<String, Object> body = accessBody(form.get("scope"));
                body.put("refresh_token", next);
                return new Result(200, body);
            }
            case JWT_BEARER: {
                if (clientPresented && !clientOk) {
                    return error(401, "invalid_client", "The client credentials are invalid");
                }
                String problem = verifyAssertion(form.get("assertion"), clientPresented ? clientId : null);
                if (problem != null) {
                    return error(400, "invalid_grant", problem);
                }
                return new Result(200, accessBody(form.get("scope")));
            }
            case "client_credentials": {
                if (!clientOk) {
                    return error(401, "invalid_client", "The client credentials are invalid");
                }
                return new Result(200, accessBody(form.get("scope")));
            }
            default:
                return error(400, "unsupported_grant_type", "Unsupported grant_type");
        }
    }

    private Map<String, Object> accessBody(String scope) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issueAccessToken(ACCESS_TTL));
        body.put("token_type", "Bearer");
        body.put("expires_in", ACCESS_TTL.toSeconds());
        if (scope != null) {
            body.put("scope", scope);
        }
        return body;
    }

    /** null when the assertion is good, else the reason. */
    private String verifyAssertion(String assertion, String presentedClientId) {
        if (assertion == null) {
            return "assertion is required";
        }
        String[] parts = assertion.split("\\.", -1);
        if (parts.length != 3) {
            return "The assertion is not a signed JWT";
        }
        try {
            Base64.Decoder d = Base64.getUrlDecoder();
            JsonNode header = json.readTree(d.decode(parts[0]));
            JsonNode claims = json.readTree(d.decode(parts[1]));
            if (!"RS256".equals(header.path("alg").asText())) {
                return "Unsupported JWT alg";
            }
            ServiceAccount sa = serviceAccounts.get(header.path("kid").asText(""));
            if (sa == null) {
                return "Unknown key id";
            }
            Signature sig = Signature.getInstance("SHA256withRSA");
            sig.initVerify(sa.key());
            sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!sig.verify(d.decode(parts[2]))) {
                return "The assertion signature is invalid";
            }
            if (!sa.clientId().equals(claims.path("iss").asText())) {
                return "iss does not match the client id";
            }
            if (presentedClientId != null && !presentedClientId.equals(sa.clientId())) {
                return "The assertion was issued for another client";
            }
            if (!sa.serviceAccountId().equals(claims.path("sub").asText())) {
                return "sub does not match the service account";
            }
            JsonNode aud = claims.get("aud");
            boolean audOk = false;
            if (aud != null && aud.isArray()) {
                for (JsonNode a : aud) {
                    audOk |= audienceOk(a.asText());
                }
            } else if (aud != null) {
                audOk = audienceOk(aud.asText());
            }
            if (!audOk) {
                return "aud is not the token endpoint";
            }
            JsonNode exp = claims.get("exp");
            if (exp == null || !exp.canConvertToLong()) {
                return "exp is required";
            }
            if (exp.asLong() <= clock.instant().getEpochSecond()) {
                return "The assertion has expired";
            }
            return null;
        } catch (IllegalArgumentException | java.io.IOException e) {
            return "The assertion is malformed";
        } catch (java.security.GeneralSecurityException e) {
            return "The assertion signature could not be verified";
        }
    }

    private boolean audienceOk(String aud) {
        return AUTODESK_TOKEN_AUD.equals(aud) || aud.equals(ownTokenUrl);
    }

    private static Result error(int status, String code, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("error_description", description);
        return new Result(status, body);
    }
}
