package io.dataconnector.camel.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/** A complete response (JSON, XML or empty), built while the state is locked and written afterwards. */
final class HttpReply {

    private final int status;
    private final String contentType;
    private final byte[] body;
    private final Map<String, String> headers;

    private HttpReply(int status, String contentType, byte[] body, Map<String, String> headers) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.headers = headers;
    }

    static HttpReply json(int status, Object body) {
        return json(status, body, Map.of());
    }

    /** The body is serialised now, so later changes to the objects it came from do not show. */
    static HttpReply json(int status, Object body, Map<String, String> headers) {
        return new HttpReply(status, "application/json; charset=utf-8",
                Json.write(body).getBytes(StandardCharsets.UTF_8), headers);
    }

    static HttpReply xml(int status, String xml) {
        return new HttpReply(status, "application/xml",
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml).getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A body of this content type, as given. */
    static HttpReply bytes(int status, String contentType, byte[] body) {
        return new HttpReply(status, contentType, body.clone(), Map.of());
    }

    static HttpReply empty(int status) {
        return new HttpReply(status, null, null, Map.of());
    }

    int status() {
        return status;
    }

    /** The same reply with its JSON body passed through {@code editor} (for {@link Fault#editResponse}). */
    HttpReply withEditedJson(Consumer<JsonNode> editor) {
        if (body == null || contentType == null || !contentType.startsWith("application/json")) {
            return this;
        }
        try {
            JsonNode tree = Json.MAPPER.readTree(body);
            editor.accept(tree);
            return new HttpReply(status, contentType, Json.write(tree).getBytes(StandardCharsets.UTF_8), headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void writeTo(HttpExchange ex) throws IOException {
        if (contentType == null) {
            ex.sendResponseHeaders(status, -1);
            ex.close();
            return;
        }
        ex.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }
}
