package io.dataconnector.camel.simulator;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/** The JDK HTTP (or, with an {@link SSLContext}, HTTPS) server bound to 127.0.0.1, on a pool of daemon threads. */
final class LoopbackServer {

    private static final int BACKLOG = 50;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;

    private LoopbackServer(HttpServer server, ExecutorService executor, String baseUrl) {
        this.server = server;
        this.executor = executor;
        this.baseUrl = baseUrl;
    }

    /** @param tls null = plain HTTP */
    static LoopbackServer start(int port, int threads, SSLContext tls, HttpHandler handler) {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        HttpServer server;
        try {
            if (tls == null) {
                server = HttpServer.create(address, BACKLOG);
            } else {
                HttpsServer https = HttpsServer.create(address, BACKLOG);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind simulator to port " + port, e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(threads, DaemonThreads.named("dc-sim-http"));
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
        String scheme = tls == null ? "http" : "https";
        return new LoopbackServer(server, executor, scheme + "://127.0.0.1:" + server.getAddress().getPort());
    }

    /** e.g. {@code https://127.0.0.1:34567}. */
    String baseUrl() {
        return baseUrl;
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }
}
