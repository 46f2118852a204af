package io.dataconnector.camel.simulator;

import io.dataconnector.camel.simulator.ApiPaths.ApiPath;
import java.util.List;
import java.util.Map;

/** Admits a Data Connector API call: a valid bearer token (unless relaxed), the rate limit, the account id. */
final class ApiGate {

    private final SimulatorSettings settings;
    private final TokenService tokens;
    private final RateLimiter rateLimiter;

    ApiGate(SimulatorSettings settings, TokenService tokens, RateLimiter rateLimiter) {
        this.settings = settings;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
    }

    /** The parsed path of an admitted call; otherwise 401, 429, 404 or 403. */
    ApiPath admit(String path, Map<String, List<String>> headers) {
        String token = bearerToken(headers);
        if (settings.authRequired) {
            String problem = tokens.checkAccessToken(token);
            if (problem != null) {
                throw new ApiError(401, "expired".equals(problem) ? "The token has expired."
                        : "The provided bearer token is invalid.", "AUTH-001");
            }
        }
        // relaxed mode still counts calls per token
        rateLimiter.acquire(token == null ? "anonymous" : token);
        ApiPath p = ApiError.orNotFound(ApiPaths.parse(path));
        if (!settings.acceptAnyAccount && !p.accountId().equals(settings.accountId)) {
            throw new ApiError(403, "The user does not have access to account " + p.accountId() + ".", "FORBIDDEN");
        }
        return p;
    }

    private static String bearerToken(Map<String, List<String>> headers) {
        List<String> auth = headers.get("Authorization");
        if (auth != null && !auth.isEmpty() && auth.get(0).regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.get(0).substring(7).trim();
        }
        return null;
    }
}
