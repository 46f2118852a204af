package io.dataconnector.camel.component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataconnector.camel.component.model.DataConnectorJson;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of {@code dataconnector:callback}: authenticates, bounds and parses the API's completion POST and
 * answers it at once. An accepted callback is handed to a {@link Handoff} (which confirms and processes it later, on
 * another thread); the caller's query string and headers, which carry the secret, are dropped first so that they never
 * travel further.
 * <p>
 * Answers: 401 without the right secret (logged without it), 413 over the body limit, 400 when the body is not a job
 * callback, 503 when the hand-off is refused (the consumer is stopping), else 202.
 */
final class CallbackRequestProcessor implements Processor {

    /** The header that may carry the secret instead of the query parameter {@value #SECRET_PARAMETER}. */
    static final String SECRET_HEADER = "X-DataConnector-Secret";
    /** The query parameter of the callback URL that carries the secret. */
    static final String SECRET_PARAMETER = "secret";

    private static final Logger LOG = LoggerFactory.getLogger(CallbackRequestProcessor.class);
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    /** Receives an accepted callback; throws {@link RejectedExecutionException} when it cannot take it now. */
    @FunctionalInterface
    interface Handoff {
        void accept(String jobId, String requestId);
    }

    private final byte[] secretDigest;
    private final int maxBodySize;
    private final String path;
    private final Handoff handoff;

    CallbackRequestProcessor(String secret, int maxBodySize, String path, Handoff handoff) {
        this.secretDigest = sha256(secret);
        this.maxBodySize = maxBodySize;
        this.path = path;
        this.handoff = handoff;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String presented = in.getHeader(SECRET_PARAMETER, String.class);
        if (presented == null) {
            presented = in.getHeader(SECRET_HEADER, String.class);
        }
        // digests of equal length, compared in constant time: neither the length nor a prefix of the secret leaks
        boolean authenticated = presented != null && MessageDigest.isEqual(secretDigest, sha256(presented));
        Object body = in.getBody();
        Long contentLength = in.getHeader(Exchange.CONTENT_LENGTH, Long.class);
        in.removeHeaders("*"); // the query string, the secret and every caller header: none is needed further
        if (!authenticated) {
            LOG.warn("Rejected a Data Connector callback on {}: {} secret", path, presented == null ? "missing" : "wrong");
            respond(exchange, 401, "unauthorized");
            return;
        }
        if (contentLength != null && contentLength > maxBodySize) {
            LOG.warn("Rejected a Data Connector callback on {}: body of {} bytes exceeds {}", path, contentLength,
                    maxBodySize);
            respond(exchange, 413, "body too large");
            return;
        }
        byte[] bytes = body == null ? new byte[0]
                : exchange.getContext().getTypeConverter().convertTo(byte[].class, exchange, body);
        if (bytes == null || bytes.length > maxBodySize) {
            LOG.warn("Rejected a Data Connector callback on {}: body unreadable or larger than {} bytes", path,
                    maxBodySize);
            respond(exchange, bytes == null ? 400 : 413, bytes == null ? "no body" : "body too large");
            return;
        }
        JsonNode callback = parse(bytes);
        String jobId = callback == null ? null : text(callback, "jobId");
        if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
            LOG.warn("Rejected a Data Connector callback on {}: not a job callback (no valid jobId)", path);
            respond(exchange, 400, "expected a JSON body with jobId");
            return;
        }
        String state = text(callback, "state");
        if (state != null && !"complete".equalsIgnoreCase(state)) {
            LOG.info("Data Connector callback for job {} with state {}: nothing to do", jobId, state);
            respond(exchange, 202, "ignored");
            return;
        }
        String requestId = text(callback, "requestId");
        LOG.info("Data Connector callback for job {} (request {}, success {}): confirming it with the API", jobId,
                requestId, text(callback, "success"));
        try {
            handoff.accept(jobId, requestId == null || requestId.isBlank() ? null : requestId);
        } catch (RejectedExecutionException e) {
            LOG.warn("Data Connector callback for job {} not taken: the receiver is stopping or busy; the jobs"
                     + " consumer picks the job up", jobId);
            respond(exchange, 503, "unavailable");
            return;
        }
        respond(exchange, 202, "accepted");
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            JsonNode node = DataConnectorJson.mapper().readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void respond(Exchange exchange, int status, String outcome) {
        Message message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody("{\"status\":\"" + outcome + "\"}");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
