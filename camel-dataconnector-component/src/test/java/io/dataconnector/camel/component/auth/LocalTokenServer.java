package io.dataconnector.camel.component.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

/** A tiny token endpoint on loopback for the tests: records each request and answers with a scripted function. */
final class LocalTokenServer implements AutoCloseable {

    /** One recorded token request. */
    record Received(String method, String path, String contentType, String authorization, Map<String, String> form) {

        String basicUser() {
            return basicPart(0);
        }

        String basicPassword() {
            return basicPart(1);
        }

        private String basicPart(int i) {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring("Basic ".length())),
                    StandardCharsets.UTF_8);
            return decoded.split(":", 2)[i];
        }
    }

    /** A scripted answer. */
    record Answer(int status, String body) {
        static Answer token(String access, long expiresIn, String refresh) {
            return new Answer(200, "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                                   + expiresIn + (refresh == null ? "" : ",\"refresh_token\":\"" + refresh + "\"")
                                   + "}");
        }

        static Answer error(int status, String error, String description) {
            return new Answer(status, "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Answer> responder;

    LocalTokenServer(Function<Received, Answer> responder) throws IOException {
        this.responder = responder;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(TokenEndpoint.TOKEN_PATH, exchange -> {
            try {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Received r = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("Authorization"), parseForm(body));
                received.add(r);
                Answer answer;
                try {
                    answer = this.responder.apply(r);
                } catch (RuntimeException e) {
                    answer = new Answer(500, "{\"error\":\"server_error\"}");
                }
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    void respond(Function<Received, Answer> responder) {
        this.responder = responder;
    }

    String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    TokenEndpoint endpoint() {
        return new TokenEndpoint(HttpClient.newHttpClient(), baseUrl() + "/", Duration.ofSeconds(10));
    }

    List<Received> received() {
        return received;
    }

    Received last() {
        return received.get(received.size() - 1);
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
