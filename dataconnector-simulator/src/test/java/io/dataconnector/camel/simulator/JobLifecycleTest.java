package io.dataconnector.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JobLifecycleTest extends SimTestSupport {

    @Test
    void queuedRunningCompleteOnTheClock() {
        start(DataConnectorSimulator.builder().jobDurations(Duration.ofSeconds(10), Duration.ofSeconds(100)));
        String reqId = json(api("POST", "/requests", ONE_TIME_BODY)).get("id").asText();
        JsonNode jobs = json(api("GET", "/requests/" + reqId + "/jobs"));
        String jobId = jobs.get("results").get(0).get("id").asText();
        JsonNode j = json(api("GET", "/jobs/" + jobId));
        assertThat(j.get("status").asText()).isEqualTo("queued");
        assertThat(j.get("completionStatus").isNull()).isTrue();
        assertThat(j.get("startedAt").isNull()).isTrue();
        assertThat(j.get("progress").asInt()).isZero();
        assertThat(api("GET", "/jobs/" + jobId + "/data-listing").statusCode()).isEqualTo(404);

        clock.advance(Duration.ofSeconds(60));
        j = json(api("GET", "/jobs/" + jobId));
        assertThat(j.get("status").asText()).isEqualTo("running");
        assertThat(j.get("startedAt").asText()).isEqualTo("2025-03-01T10:00:10.000Z");
        assertThat(j.get("progress").isInt()).isTrue();
        assertThat(j.get("progress").asInt()).isEqualTo(50);
        assertThat(api("GET", "/jobs/" + jobId + "/data/README.html").statusCode()).isEqualTo(404);

        clock.advance(Duration.ofSeconds(60));
        j = json(api("GET", "/jobs/" + jobId));
        assertThat(j.get("status").asText()).isEqualTo("complete");
        assertThat(j.get("completionStatus").asText()).isEqualTo("success");
        assertThat(j.get("completedAt").asText()).isEqualTo("2025-03-01T10:01:50.000Z");
        assertThat(j.get("progress").isTextual()).isTrue();
        assertThat(j.get("progress").asText()).isEmpty();
        assertThat(j.get("projectIdList").isNull()).isTrue();
        HttpResponse<String> listing = api("GET", "/jobs/" + jobId + "/data-listing");
        assertThat(listing.statusCode()).isEqualTo(200);
        assertThat(json(listing).get(0).get("size").isInt()).isTrue();
    }

    @Test
    void futureOneTimeRequestSpawnsAtEffectiveFrom() {
        startDefault();
        String reqId = json(api("POST", "/requests", ONE_TIME_BODY.replace("2020-11-06T19:09:40.106Z",
                "2025-03-01T11:00:00.000Z"))).get("id").asText();
        assertThat(json(api("GET", "/requests/" + reqId + "/jobs")).get("results")).isEmpty();
        clock.set(Instant.parse("2025-03-01T11:00:00Z"));
        JsonNode jobs = json(api("GET", "/requests/" + reqId + "/jobs"));
        assertThat(jobs.get("results")).hasSize(1);
        assertThat(jobs.get("results").get(0).get("createdAt").asText()).isEqualTo("2025-03-01T11:00:00.000Z");
        assertThat(jobs.get("results").get(0).get("status").asText()).isEqualTo("complete");
        // inactive requests spawn nothing; spawnJob() makes the next recurring run
        String inactive = json(api("POST", "/requests", ONE_TIME_BODY.replace("{", "{\"isActive\":false,")))
                .get("id").asText();
        assertThat(sim.jobsOf(inactive)).isEmpty();
        SimJob next = sim.spawnJob(inactive);
        assertThat(next.status()).isEqualTo("complete");
    }

    @Test
    void futureRecurringRequestSpawnsItsFirstJobAtEffectiveFrom() {
        // reference: "If the date and time [effectiveFrom] is before the current time, execution of scheduling
        // begins immediately" - a recurring schedule starting later spawns nothing until then
        startDefault();
        String body = "{\"description\":\"w\",\"scheduleInterval\":\"WEEK\",\"reoccuringInterval\":1,"
                + "\"effectiveFrom\":\"2025-03-01T10:02:00.000Z\",\"effectiveTo\":\"2025-03-11T10:02:00.000Z\","
                + "\"serviceGroups\":[\"issues\"]}";
        HttpResponse<String> created = api("POST", "/requests", body);
        assertThat(created.statusCode()).isEqualTo(201);
        String reqId = json(created).get("id").asText();
        assertThat(json(api("GET", "/requests/" + reqId + "/jobs")).get("results")).isEmpty();
        assertThat(json(api("GET", "/requests/" + reqId)).get("lastQueuedAt").isNull()).isTrue();
        clock.set(Instant.parse("2025-03-01T10:02:00Z"));
        JsonNode jobs = json(api("GET", "/requests/" + reqId + "/jobs"));
        assertThat(jobs.get("results")).hasSize(1);
        assertThat(jobs.get("results").get(0).get("createdAt").asText()).isEqualTo("2025-03-01T10:02:00.000Z");
        // a recurring request whose effectiveFrom has passed still runs at once
        String past = json(api("POST", "/requests", body.replace("2025-03-01T10:02:00.000Z",
                "2025-03-01T09:00:00.000Z"))).get("id").asText();
        assertThat(sim.jobsOf(past)).hasSize(1);
    }

    @Test
    void failedAndCancelledJobsHaveNoListing() {
        start(DataConnectorSimulator.builder().jobDurations(Duration.ofSeconds(5), Duration.ofSeconds(5)));
        sim.failNextJobs(1);
        String r1 = json(api("POST", "/requests", ONE_TIME_BODY)).get("id").asText();
        String failedJob = sim.jobsOf(r1).get(0).id();
        String r2 = json(api("POST", "/requests", ONE_TIME_BODY)).get("id").asText();
        String cancelJob = sim.jobsOf(r2).get(0).id();

        assertThat(api("DELETE", "/jobs/" + cancelJob).statusCode()).isEqualTo(204);
        JsonNode c = json(api("GET", "/jobs/" + cancelJob));
        assertThat(c.get("status").asText()).isEqualTo("complete");
        assertThat(c.get("completionStatus").asText()).isEqualTo("cancelled");
        assertThat(api("DELETE", "/jobs/" + cancelJob).statusCode()).isEqualTo(400);
        assertThat(api("DELETE", "/jobs/unknown").statusCode()).isEqualTo(404);

        clock.advance(Duration.ofSeconds(10));
        assertThat(json(api("GET", "/jobs/" + failedJob)).get("completionStatus").asText()).isEqualTo("failed");
        for (String id : new String[] {failedJob, cancelJob}) {
            HttpResponse<String> r = api("GET", "/jobs/" + id + "/data-listing");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(json(r).get("developerMessage").asText()).isEqualTo("The requested resource does not exist.");
            assertThat(api("GET", "/jobs/" + id + "/data/README.html").statusCode()).isEqualTo(404);
        }
        // seeding and explicit completion
        SimRequest seeded = sim.seedRequest();
        SimJob old = sim.seedCompletedJob(seeded.id(), "failed", Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(json(api("GET", "/jobs/" + old.id())).get("createdAt").asText())
                .isEqualTo("2025-01-01T00:00:00.000Z");
        SimJob running = sim.seedJob(seeded.id(), "running", null, clock.instant());
        assertThat(json(api("GET", "/jobs/" + running.id())).get("status").asText()).isEqualTo("running");
        assertThat(sim.completeJobNow(running.id()).isSuccess()).isTrue();
        SimJob q = sim.seedJob(seeded.id(), "queued", null, clock.instant());
        assertThat(sim.failJob(q.id()).completionStatus()).isEqualTo("failed");
    }

    @Test
    void callbackIsPostedOnCompletion() throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/cb", ex -> {
            received.complete(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        try {
            startDefault();
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/cb";
            String reqId = json(api("POST", "/requests", ONE_TIME_BODY.replace("{", "{\"callbackUrl\":\"" + url
                    + "\","))).get("id").asText();
            JsonNode cb = JSON.readTree(received.get(10, TimeUnit.SECONDS));
            assertThat(cb.get("accountId").asText()).isEqualTo(sim.accountId());
            assertThat(cb.get("requestId").asText()).isEqualTo(reqId);
            assertThat(cb.get("jobId").asText()).isEqualTo(sim.jobsOf(reqId).get(0).id());
            assertThat(cb.get("state").asText()).isEqualTo("complete");
            assertThat(cb.get("success").asBoolean()).isTrue();
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void jobQuotaGives429() {
        start(DataConnectorSimulator.builder().instantJobs().jobQuota(3));
        for (int i = 0; i < 3; i++) {
            assertThat(api("POST", "/requests", ONE_TIME_BODY).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> r = api("POST", "/requests", ONE_TIME_BODY);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(sim.requests()).hasSize(3);
        // an inactive request spawns no job and is fine
        assertThat(api("POST", "/requests", ONE_TIME_BODY.replace("{", "{\"isActive\":false,")).statusCode())
                .isEqualTo(201);
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(api("POST", "/requests", ONE_TIME_BODY).statusCode()).isEqualTo(201);
    }
}
