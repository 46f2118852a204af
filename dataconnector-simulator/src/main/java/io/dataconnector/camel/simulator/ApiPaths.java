package io.dataconnector.camel.simulator;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The simulator's URL space: which {@link Operation} a method and path are, and the parts of an API path. */
final class ApiPaths {

    static final String API_PREFIX = "/data-connector/v1/accounts/";
    static final String TOKEN_PATH = "/authentication/v2/token";
    static final String SCHEMA_DOC_PATH = "/data-connector/v1/doc/schema";
    private static final Pattern API_PATH = Pattern.compile("^" + API_PREFIX + "([^/]+)(/.*)?$");

    /** An API path: the account id and the segments after it ({@code ["jobs", "<id>", "data-listing"]}). */
    record ApiPath(String accountId, List<String> segments) {

        String segment(int i) {
            return segments.get(i);
        }
    }

    private ApiPaths() {
    }

    /** The parts of an API path, or null when it is not one. */
    static ApiPath parse(String path) {
        Matcher m = API_PATH.matcher(path);
        if (!m.matches() || m.group(2) == null) {
            return null;
        }
        return new ApiPath(m.group(1), List.of(m.group(2).substring(1).split("/", -1)));
    }

    static Operation classify(String method, String path) {
        if (path.equals(TOKEN_PATH)) {
            return "POST".equals(method) ? Operation.TOKEN : Operation.UNKNOWN;
        }
        if (path.equals(SCHEMA_DOC_PATH)) {
            return "GET".equals(method) ? Operation.SCHEMA_DOC : Operation.UNKNOWN;
        }
        if (path.startsWith(SignedUrls.STORAGE_PREFIX)) {
            return "GET".equals(method) || "HEAD".equals(method) ? Operation.DOWNLOAD : Operation.UNKNOWN;
        }
        Matcher m = API_PATH.matcher(path);
        if (!m.matches()) {
            return Operation.UNKNOWN;
        }
        String rest = m.group(2) == null ? "" : m.group(2);
        if (rest.endsWith("/") && rest.length() > 1) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String[] s = rest.isEmpty() ? new String[0] : rest.substring(1).split("/", -1);
        if (s.length == 1 && s[0].equals("requests")) {
            return "POST".equals(method) ? Operation.CREATE_REQUEST : "GET".equals(method) ? Operation.LIST_REQUESTS
                    : Operation.UNKNOWN;
        }
        if (s.length == 2 && s[0].equals("requests")) {
            switch (method) {
                case "GET":
                    return Operation.GET_REQUEST;
                case "PATCH":
                    return Operation.UPDATE_REQUEST;
                case "DELETE":
                    return Operation.DELETE_REQUEST;
                default:
                    return Operation.UNKNOWN;
            }
        }
        if (s.length == 3 && s[0].equals("requests") && s[2].equals("jobs")) {
            return "GET".equals(method) ? Operation.LIST_REQUEST_JOBS : Operation.UNKNOWN;
        }
        if (s.length == 1 && s[0].equals("jobs")) {
            return "GET".equals(method) ? Operation.LIST_JOBS : Operation.UNKNOWN;
        }
        if (s.length == 2 && s[0].equals("jobs")) {
            return "GET".equals(method) ? Operation.GET_JOB : "DELETE".equals(method) ? Operation.CANCEL_JOB
                    : Operation.UNKNOWN;
        }
        if (s.length == 3 && s[0].equals("jobs") && s[2].equals("data-listing")) {
            return "GET".equals(method) ? Operation.LIST_JOB_FILES : Operation.UNKNOWN;
        }
        if (s.length == 4 && s[0].equals("jobs") && s[2].equals("data") && !s[3].isEmpty()) {
            return "GET".equals(method) ? Operation.GET_JOB_FILE_URL : Operation.UNKNOWN;
        }
        return Operation.UNKNOWN;
    }
}
