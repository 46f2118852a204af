package io.dataconnector.camel.component;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.dataconnector.camel.component.model.DataRequest;
import io.dataconnector.camel.component.model.Job;
import io.dataconnector.camel.simulator.DataConnectorSimulator;
import io.dataconnector.camel.simulator.SimJob;
import io.dataconnector.camel.simulator.SimRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shipped callback receiver ({@link DataConnectorCallbackRouteBuilder}) on a real Vert.x platform-http server, fed
 * by hand and by the simulator's own completion callbacks, sharing its idempotent repository with the poller.
 */
class DataConnectorCallbackTest extends JobsConsumerTestSupport {

    private static final String SECRET = "s3cr3t-Callback-Token";
    private final HttpClient http = HttpClient.newHttpClient();
    private final IdempotentRepository repository = new MemoryIdempotentRepository();
    private int port;
    private DataConnectorCallbackRouteBuilder callback;

    @BeforeEach
    void pickPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        callback = new DataConnectorCallbackRouteBuilder(SECRET, "direct:completedJob")
                .port(port).host("127.0.0.1").idempotentRepository(repository);
    }

    /** The receiver, the pipeline, and (unless {@code pollerAutoStartup} is false) a poller on the same repository. */
    private CamelContext startReceiver(boolean pollerAutoStartup) throws Exception {
        return startCamel(Map.of("repo", repository), callback, new RouteBuilder() {
            @Override
            public void configure() {
                from("dataconnector:jobs?delay=100&initialDelay=0&idempotentRepository=#repo").routeId("poller")
                        .autoStartup(pollerAutoStartup)
                        .to("direct:completedJob");
                from("direct:completedJob").routeId("pipeline").to("mock:processed");
            }
        });
    }

    private HttpResponse<String> post(String query, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + DataConnectorCallbackRouteBuilder.DEFAULT_PATH + query))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String callbackBody(SimJob job) {
        return "{\"accountId\":\"" + sim.accountId() + "\",\"requestId\":\"" + job.requestId() + "\",\"jobId\":\""
               + job.id() + "\",\"state\":\"complete\",\"success\":true}";
    }

    /** The callback's job was fetched and its processing (in the wire-tapped route) has finished. */
    private void awaitCallbackProcessed(CamelContext context, String jobId, int getJobCalls) {
        await().atMost(Duration.ofSeconds(10)).until(() -> getJobCalls(jobId) >= getJobCalls
                && context.getInflightRepository().size("dataconnector-callback-process") == 0);
    }

    private int getJobCalls(String jobId) {
        return sim.recordedRequests("GET", "/jobs/" + jobId + "$").size();
    }

    @Test
    void wrongOrMissingSecretIsRejectedWith401AndNothingIsProcessed() throws Exception {
        SimRequest request = sim.seedRequest();
        SimJob job = sim.seedCompletedJob(request.id(), "success", Instant.now().minus(Duration.ofMinutes(5)));
        CamelContext context = startReceiver(false);
        MockEndpoint processed = context.getEndpoint("mock:processed", MockEndpoint.class);

        assertThat(post("?secret=wrong", callbackBody(job), Map.of()).statusCode()).isEqualTo(401);
        assertThat(post("", callbackBody(job), Map.of()).statusCode()).isEqualTo(401);
        assertThat(post("", callbackBody(job), Map.of(DataConnectorCallbackRouteBuilder.SECRET_HEADER, "nope"))
                .statusCode()).isEqualTo(401);
        assertThat(getJobCalls(job.id())).isZero();
        assertThat(processed.getReceivedCounter()).isZero();
        assertThat(repository.contains(job.id())).isFalse();

        // the same call with the secret in the header is accepted and processed
        int callsBefore = getJobCalls(job.id());
        HttpResponse<String> accepted = post("", callbackBody(job),
                Map.of(DataConnectorCallbackRouteBuilder.SECRET_HEADER, SECRET));
        assertThat(accepted.statusCode()).isEqualTo(202);
        awaitCallbackProcessed(context, job.id(), callsBefore + 1);
        assertThat(jobIds(processed)).containsExactly(job.id());
        assertThat(processed.getReceivedExchanges().get(0).getMessage().getBody()).isInstanceOf(Job.class);
    }

    @Test
    void malformedOversizedAndIncompleteCallbacksAreNotProcessed() throws Exception {
        SimRequest request = sim.seedRequest();
        SimJob running = sim.seedJob(request.id(), "running", null, Instant.now().minus(Duration.ofMinutes(5)));
        CamelContext context = startReceiver(false);
        MockEndpoint processed = context.getEndpoint("mock:processed", MockEndpoint.class);

        assertThat(post("?secret=" + SECRET, "x".repeat(20_000), Map.of()).statusCode()).isEqualTo(413);
        assertThat(post("?secret=" + SECRET, "{\"state\":\"complete\"}", Map.of()).statusCode()).isEqualTo(400);
        assertThat(post("?secret=" + SECRET, "not json", Map.of()).statusCode()).isEqualTo(400);

        // the callback claims completion, the API says running: not processed
        int callsBefore = getJobCalls(running.id());
        assertThat(post("?secret=" + SECRET, callbackBody(running), Map.of()).statusCode()).isEqualTo(202);
        awaitCallbackProcessed(context, running.id(), callsBefore + 1);
        assertThat(getJobCalls(running.id())).isEqualTo(1);
        assertThat(processed.getReceivedCounter()).isZero();
        assertThat(repository.contains(running.id())).isFalse();
    }

    @Test
    void aReplayedCallbackIsProcessedOnce() throws Exception {
        SimRequest request = sim.seedRequest();
        SimJob job = sim.seedCompletedJob(request.id(), "success", Instant.now().minus(Duration.ofMinutes(5)));
        CamelContext context = startReceiver(false);
        MockEndpoint processed = context.getEndpoint("mock:processed", MockEndpoint.class);

        for (int replay = 1; replay <= 5; replay++) {
            assertThat(post("?secret=" + SECRET, callbackBody(job), Map.of()).statusCode()).isEqualTo(202);
            awaitCallbackProcessed(context, job.id(), replay);
        }

        assertThat(jobIds(processed)).containsExactly(job.id());
        assertThat(repository.contains(job.id())).isTrue();
    }

    @Test
    void anOversizedChunkedBodyIsRefused() throws Exception {
        SimRequest request = sim.seedRequest();
        SimJob job = sim.seedCompletedJob(request.id(), "success", Instant.now().minus(Duration.ofMinutes(5)));
        CamelContext context = startReceiver(false);
        MockEndpoint processed = context.getEndpoint("mock:processed", MockEndpoint.class);
        byte[] padded = (callbackBody(job).replace("}", ",\"pad\":\"" + "x".repeat(40_000) + "\"}"))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        // no Content-Length: the body arrives chunked, so the limit must hold while reading
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                                                + DataConnectorCallbackRouteBuilder.DEFAULT_PATH
                                                                + "?secret=" + SECRET))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(padded)))
                .build();
        int status;
        try {
            status = http.send(chunked, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException connectionClosedByTheServer) {
            status = 413;
        }

        assertThat(status).isEqualTo(413);
        assertThat(getJobCalls(job.id())).isZero();
        assertThat(processed.getReceivedCounter()).isZero();
    }

    @Test
    void callbackThenPollForTheSameJobIsProcessedOnce() throws Exception {
        SimRequest request = sim.seedRequest();
        SimJob job = sim.seedCompletedJob(request.id(), "success", Instant.now().minus(Duration.ofMinutes(5)));
        CamelContext context = startReceiver(false);
        MockEndpoint processed = context.getEndpoint("mock:processed", MockEndpoint.class);

        assertThat(post("?secret=" + SECRET, callbackBody(job), Map.of()).statusCode()).isEqualTo(202);
        awaitCount(processed::getReceivedCounter, 1);

        context.getRouteController().startRoute("poller");
        awaitMoreListings(3);
        // and a repeated callback (the API may retry) is confirmed with the API but skipped as a duplicate
        int callsBefore = getJobCalls(job.id());
        assertThat(post("?secret=" + SECRET, callbackBody(job), Map.of()).statusCode()).isEqualTo(202);
        awaitCallbackProcessed(context, job.id(), callsBefore + 1);

        assertThat(jobIds(processed)).containsExactly(job.id());
    }

    @Test
    void recurringRequestWithOurCallbackUrlIsProcessedOnceByCallbackAndPoller() throws Exception {
        CamelContext context = startReceiver(true);
        MockEndpoint processed = context.getEndpoint("mock:processed", MockEndpoint.class);

        // the helper: a recurring (daily) data request carrying this receiver's callback URL, created with the producer
        DataRequest daily = new DataRequest();
        daily.setDescription("Nightly warehouse load");
        daily.setScheduleInterval("DAY");
        daily.setReoccuringInterval(1);
        daily.setEffectiveFrom(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        daily.setEffectiveTo(Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS));
        daily.setServiceGroups(List.of("admin"));
        callback.withCallback(daily, "http://127.0.0.1:" + port);
        assertThat(daily.getCallbackUrl()).isEqualTo("http://127.0.0.1:" + port + "/dataconnector/callback?secret="
                                                     + SECRET);
        DataRequest created = context.createProducerTemplate().requestBody("dataconnector:createRequest", daily,
                DataRequest.class);

        // the simulator runs the first job at once and POSTs its completion to our callback URL
        await().atMost(Duration.ofSeconds(10)).until(() -> !sim.callbacks().isEmpty());
        DataConnectorSimulator.CallbackRecord sent = sim.callbacks().get(0);
        assertThat(sent.status()).isEqualTo(202);
        String jobId = sim.jobsOf(created.getId()).get(0).id();
        awaitCount(processed::getReceivedCounter, 1);
        awaitMoreListings(4);

        assertThat(jobIds(processed)).containsExactly(jobId);
        assertThat(getJobCalls(jobId)).as("the callback was confirmed with the API").isEqualTo(1);
        assertThat(repository.contains(jobId)).isTrue();
    }
}
