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
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The callback consumer ({@code from("dataconnector:callback")}), declared in a YAML route
 * ({@code callback-route.yaml}) on a real Vert.x platform-http server, fed by hand and by the simulator's own
 * completion callbacks, sharing its idempotent repository with the poller.
 */
class DataConnectorCallbackTest extends JobsConsumerTestSupport {

    private static final String SECRET = "s3cr3t-Callback-Token";
    private final HttpClient http = HttpClient.newHttpClient();
    private final IdempotentRepository repository = new MemoryIdempotentRepository();
    private static final String PATH = DataConnectorConfiguration.DEFAULT_CALLBACK_PATH;
    private int port;
    private DataConnectorCallbackConsumer receiver;

    @BeforeEach
    void pickPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    /**
     * The receiver from callback-route.yaml, the pipeline, and (unless {@code pollerAutoStartup} is false) a poller on
     * the same repository.
     */
    private CamelContext startReceiver(boolean pollerAutoStartup) throws Exception {
        CamelContext context = createCamel(Map.of("repo", repository), new RouteBuilder() {
            @Override
            public void configure() {
                from("dataconnector:jobs?delay=100&initialDelay=0&idempotentRepository=#repo").routeId("poller")
                        .autoStartup(pollerAutoStartup)
                        .to("direct:completedJob");
                from("direct:completedJob").routeId("pipeline").to("mock:processed");
            }
        });
        context.getPropertiesComponent().addInitialProperty("callback.secret", SECRET);
        context.getPropertiesComponent().addInitialProperty("callback.port", Integer.toString(port));
        PluginHelper.getRoutesLoader(context).loadRoutes(
                PluginHelper.getResourceLoader(context).resolveResource("classpath:callback-route.yaml"));
        context.start();
        receiver = (DataConnectorCallbackConsumer) context.getRoute("callback").getConsumer();
        return context;
    }

    private HttpResponse<String> post(String query, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + PATH + query))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String callbackBody(SimJob job) {
        return "{\"accountId\":\"" + sim.accountId() + "\",\"requestId\":\"" + job.requestId() + "\",\"jobId\":\""
               + job.id() + "\",\"state\":\"complete\",\"success\":true}";
    }

    /** The receiver has finished handling {@code handled} accepted callbacks in all (emitted, ignored or skipped). */
    private void awaitCallbacksHandled(long handled) {
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.getCallbacksHandled() >= handled);
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
        assertThat(post("", callbackBody(job), Map.of(CallbackRequestProcessor.SECRET_HEADER, "nope"))
                .statusCode()).isEqualTo(401);
        assertThat(getJobCalls(job.id())).isZero();
        assertThat(processed.getReceivedCounter()).isZero();
        assertThat(repository.contains(job.id())).isFalse();

        // the same call with the secret in the header is accepted and processed
        HttpResponse<String> accepted = post("", callbackBody(job),
                Map.of(CallbackRequestProcessor.SECRET_HEADER, SECRET));
        assertThat(accepted.statusCode()).isEqualTo(202);
        awaitCallbacksHandled(1);
        assertThat(getJobCalls(job.id())).isEqualTo(1);
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

        assertThat(receiver.getCallbacksAccepted()).isZero();

        // the callback claims completion, the API says running: not processed
        assertThat(post("?secret=" + SECRET, callbackBody(running), Map.of()).statusCode()).isEqualTo(202);
        awaitCallbacksHandled(1);
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
            awaitCallbacksHandled(replay);
        }

        assertThat(jobIds(processed)).containsExactly(job.id());
        assertThat(getJobCalls(job.id())).as("every replay is confirmed with the API").isEqualTo(5);
        assertThat(receiver.getJobsEmitted()).isEqualTo(1);
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
                                                                + PATH
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
        assertThat(post("?secret=" + SECRET, callbackBody(job), Map.of()).statusCode()).isEqualTo(202);
        awaitCallbacksHandled(2);
        assertThat(getJobCalls(job.id())).isEqualTo(2);

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
        CallbackUrl.applyTo(daily, "http://127.0.0.1:" + port, PATH, SECRET);
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

    @Test
    void aFailedPipelineReleasesTheJobForThePoller() throws Exception {
        SimRequest request = sim.seedRequest();
        SimJob job = sim.seedCompletedJob(request.id(), "success", Instant.now().minus(Duration.ofMinutes(5)));
        CamelContext context = startReceiver(false);
        MockEndpoint processed = context.getEndpoint("mock:processed", MockEndpoint.class);
        processed.whenExchangeReceived(1, exchange -> {
            throw new IllegalStateException("warehouse unavailable");
        });

        assertThat(post("?secret=" + SECRET, callbackBody(job), Map.of()).statusCode()).isEqualTo(202);
        awaitCallbacksHandled(1);
        assertThat(repository.contains(job.id())).as("the failed job's claim is released").isFalse();

        context.getRouteController().startRoute("poller");
        awaitCount(processed::getReceivedCounter, 2);
        awaitMoreListings(2);
        assertThat(jobIds(processed)).containsExactly(job.id(), job.id());
        assertThat(repository.contains(job.id())).isTrue();
    }

    @Test
    void theSecretAppearsInNoLogLine() throws Exception {
        SimRequest request = sim.seedRequest();
        SimJob job = sim.seedCompletedJob(request.id(), "success", Instant.now().minus(Duration.ofMinutes(5)));
        try (LogCapture camel = new LogCapture("org.apache.camel"); LogCapture ours = new LogCapture("io.dataconnector")) {
            CamelContext context = startReceiver(false);
            MockEndpoint processed = context.getEndpoint("mock:processed", MockEndpoint.class);
            assertThat(post("?secret=" + SECRET + "x", callbackBody(job), Map.of()).statusCode()).isEqualTo(401);
            assertThat(post("?secret=" + SECRET, callbackBody(job), Map.of()).statusCode()).isEqualTo(202);
            awaitCount(processed::getReceivedCounter, 1);
            stopCamel(context);

            List<String> lines = new java.util.ArrayList<>();
            camel.events().forEach(e -> lines.add(e.getFormattedMessage()));
            ours.events().forEach(e -> lines.add(e.getFormattedMessage()));
            assertThat(lines).isNotEmpty().noneMatch(line -> line.contains(SECRET));
            assertThat(String.join("\n", lines)).contains("Rejected a Data Connector callback on " + PATH
                                                           + ": wrong secret");
        }
    }
}
