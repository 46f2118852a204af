package io.dataconnector.camel.component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataconnector.camel.component.model.DataConnectorJson;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the callback receiver: authenticates, bounds and parses the API's completion POST and answers it.
 * An accepted call leaves only the job id (and request id) on the message and sets the {@code ACCEPTED} property; the
 * caller's query string and headers, which carry the secret, are dropped here so they never travel further.
 */
final class CallbackRequestProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackRequestProcessor.class);

    private final byte[] secretDigest;
    private final String secretParameter;
    private final int maxBodySize;
    private final String path;

    CallbackRequestProcessor(String secret, String secretParameter, int maxBodySize, String path) {
        this.secretDigest = sha256(secret);
        this.secretParameter = secretParameter;
        this.maxBodySize = maxBodySize;
        this.path = path;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String presented = in.getHeader(secretParameter, String.class);
        if (presented == null) {
            presented = in.getHeader(DataConnectorCallbackRouteBuilder.SECRET_HEADER, String.class);
        }
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
        byte[] bytes = body == null ? new byte[0] : exchange.getContext().getTypeConverter().convertTo(byte[].class,
                exchange, body);
        if (bytes == null || bytes.length > maxBodySize) {
            LOG.warn("Rejected a Data Connector callback on {}: body missing or larger than {} bytes", path, maxBodySize);
            respond(exchange, bytes == null ? 400 : 413, bytes == null ? "no body" : "body too large");
            return;
        }
        JsonNode callback;
        try {
            callback = DataConnectorJson.mapper().readTree(bytes);
        } catch (java.io.IOException e) {
            callback = null;
        }
        String jobId = callback == null ? null : text(callback, "jobId");
        if (jobId == null || jobId.isBlank() || !jobId.matches("[A-Za-z0-9._-]{1,100}")) {
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
        LOG.info("Data Connector callback for job {} (request {}, success {}): confirming it with the API", jobId,
                text(callback, "requestId"), text(callback, "success"));
        in.setHeader(DataConnectorConstants.JOB_ID, jobId);
        String requestId = text(callback, "requestId");
        if (requestId != null && !requestId.isBlank()) {
            in.setHeader(DataConnectorConstants.REQUEST_ID, requestId);
        }
        in.setBody(null);
        exchange.setProperty(DataConnectorCallbackRouteBuilder.ACCEPTED, true);
        respond(exchange, 202, "accepted");
    }

    private static void respond(Exchange exchange, int status, String outcome) {
        Message message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (!Boolean.TRUE.equals(exchange.getProperty(DataConnectorCallbackRouteBuilder.ACCEPTED))) {
            message.setBody("{\"status\":\"" + outcome + "\"}");
        }
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
