package io.dataconnector.camel.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;

/** Starts simulators and talks to them over real loopback HTTP. */
abstract class SimTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    DataConnectorSimulator sim;

    DataConnectorSimulator start(DataConnectorSimulator.Builder b) {
        sim = b.clock(clock).tickInterval(Duration.ofMillis(50)).build().start();
        return sim;
    }

    DataConnectorSimulator startDefault() {
        return start(DataConnectorSimulator.builder().instantJobs());
    }

    @AfterEach
    void stopSim() {
        if (sim != null) {
            sim.close();
        }
    }

    HttpResponse<String> api(String method, String pathAndQuery) {
        return api(method, pathAndQuery, null);
    }

    HttpResponse<String> api(String method, String pathAndQuery, String body) {
        return call(method, sim.apiBaseUrl() + pathAndQuery, body, sim.defaultAccessToken());
    }

    static HttpResponse<String> call(String method, String url, String body, String token) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            rb.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            rb.header("Content-Type", "application/json");
        }
        rb.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(rb.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<byte[]> download(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String signedUrl(String jobId, String name) {
        HttpResponse<String> r = api("GET", "/jobs/" + jobId + "/data/" + name);
        if (r.statusCode() != 200) {
            throw new AssertionError("getJobFileUrl " + r.statusCode() + " " + r.body());
        }
        return json(r).get("signedUrl").asText();
    }

    static final String ONE_TIME_BODY = "{\"description\":\"d\",\"scheduleInterval\":\"ONE_TIME\","
            + "\"effectiveFrom\":\"2020-11-06T19:09:40.106Z\",\"serviceGroups\":[\"admin\",\"issues\"]}";
}
