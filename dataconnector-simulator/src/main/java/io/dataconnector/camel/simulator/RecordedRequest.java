package io.dataconnector.camel.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request received by the simulator.
 *
 * @param method      HTTP method
 * @param path        the decoded request path
 * @param rawQuery    the raw (still encoded) query string, or null
 * @param queryParams decoded query parameters, in order of appearance
 * @param headers     request headers; the map is case-insensitive on names
 * @param body        the request body as UTF-8 text ("" when none)
 * @param receivedAt  when the request arrived (simulator clock)
 * @param operation   the operation the request was classified as
 */
public record RecordedRequest(String method, String path, String rawQuery, Map<String, List<String>> queryParams,
                              Map<String, List<String>> headers, String body, Instant receivedAt, Operation operation) {

    /** First value of a header (case-insensitive name), or null. */
    public String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public boolean hasHeader(String name) {
        return header(name) != null;
    }

    /** First value of a decoded query parameter, or null. */
    public String queryParam(String name) {
        List<String> v = queryParams.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The bearer token sent, if any. */
    public Optional<String> bearerToken() {
        String h = header("Authorization");
        if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(h.substring(7).trim());
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        // never print headers, query strings or bodies: they may carry tokens or signatures
        return method + " " + path + " (" + operation + ")";
    }
}
