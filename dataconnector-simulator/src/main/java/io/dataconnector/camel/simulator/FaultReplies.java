package io.dataconnector.camel.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to an injected status {@link Fault}, shaped like the real error of the endpoint it hits: OAuth JSON
 * for the token endpoint, S3 XML for downloads, the API's JSON error otherwise.
 */
final class FaultReplies {

    private FaultReplies() {
    }

    /**
     * The answer to a call already carried out when an {@link Fault#afterProcessing()} fault fires: the fault's status
     * reply, the edited answer, or none at all (the connection is dropped).
     */
    static HttpReply afterProcessing(Fault f, Operation op, HttpReply done) throws DropConnection {
        switch (f.kind()) {
            case DROP_CONNECTION:
                throw new DropConnection();
            case EDIT_RESPONSE:
                return done.withEditedJson(f.responseEditor());
            default:
                return reply(f, op);
        }
    }

    static HttpReply reply(Fault f, Operation op) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (f.retryAfterValue() != null) {
            headers.put("Retry-After", f.retryAfterValue());
        }
        String msg = f.messageText();
        String code;
        switch (f.statusCode()) {
            case 401:
                msg = msg != null ? msg : "The provided bearer token is invalid.";
                code = "AUTH-001";
                headers.put("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                break;
            case 429:
                msg = msg != null ? msg : "Rate limit exceeded; wait some time before retrying.";
                code = "TOO_MANY_REQUESTS";
                break;
            case 503:
                msg = msg != null ? msg : "Service unavailable.";
                code = "SERVICE_UNAVAILABLE";
                break;
            default:
                msg = msg != null ? msg : "Simulated error " + f.statusCode();
                code = "SIMULATED_" + f.statusCode();
        }
        if (op == Operation.TOKEN) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", f.statusCode() == 401 ? "invalid_client" : "server_error");
            body.put("error_description", msg);
            return HttpReply.json(f.statusCode(), body, headers);
        }
        if (op == Operation.DOWNLOAD) {
            return S3Errors.error(f.statusCode(), "SimulatedError", msg);
        }
        return HttpReply.json(f.statusCode(), JsonViews.error(msg, code), headers);
    }
}
