package io.dataconnector.camel.component;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.dataconnector.camel.component.model.Job;
import io.dataconnector.camel.simulator.SimJob;
import io.dataconnector.camel.simulator.SimRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The completed-job consumer against the simulator over real HTTP, with a real (H2 file) database where it matters. */
class DataConnectorJobsConsumerTest extends JobsConsumerTestSupport {

    private static final String FAST = "delay=100&initialDelay=0";

    @TempDir
    Path tempDir;

    private JdbcDataSource h2(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + tempDir.resolve(name).toAbsolutePath() + ";DB_CLOSE_DELAY=0");
        dataSource.setUser("sa");
        return dataSource;
    }

    private static Instant ago(Duration duration) {
        return Instant.now().minus(duration);
    }

    @Test
    void jobsCompletingOverTimeAreEachEmittedOnceAcrossPolls() throws Exception {
        SimRequest request = sim.seedRequest();
        SimJob first = sim.seedJob(request.id(), "running", null, ago(Duration.ofMinutes(30)));
        SimJob second = sim.seedJob(request.id(), "queued", null, ago(Duration.ofMinutes(20)));
        CamelContext context = startCamel(Map.of("repo", new MemoryIdempotentRepository()),
                route("dataconnector:jobs?" + FAST + "&idempotentRepository=#repo", "mock:jobs"));
        MockEndpoint mock = context.getEndpoint("mock:jobs", MockEndpoint.class);

        awaitMoreListings(3);
        assertThat(mock.getReceivedCounter()).isZero();

        sim.completeJobNow(first.id());
        awaitCount(mock::getReceivedCounter, 1);
        awaitMoreListings(3);
        assertThat(jobIds(mock)).containsExactly(first.id());

        sim.completeJobNow(second.id());
        awaitCount(mock::getReceivedCounter, 2);
        awaitMoreListings(3);
        assertThat(jobIds(mock)).containsExactly(first.id(), second.id());

        Exchange emitted = mock.getReceivedExchanges().get(0);
        assertThat(emitted.getMessage().getBody()).isInstanceOf(Job.class);
        Job job = emitted.getMessage().getBody(Job.class);
        assertThat(job.getId()).isEqualTo(first.id());
        assertThat(job.isSuccessful()).isTrue();
        assertThat(emitted.getMessage().getHeaders()).containsEntry(DataConnectorConstants.JOB_ID, first.id())
                .containsEntry(DataConnectorConstants.REQUEST_ID, request.id())
                .containsEntry(DataConnectorConstants.ACCOUNT_ID, sim.accountId())
                .containsEntry(DataConnectorConstants.COMPLETION_STATUS, "success")
                .containsEntry(DataConnectorConstants.ATTEMPT, 1);
    }

    @Test
    void failedAndCancelledJobsAreFilteredPerConfiguration() throws Exception {
        SimRequest request = sim.seedRequest();
        SimJob success = sim.seedCompletedJob(request.id(), "success", ago(Duration.ofHours(3)));
        SimJob failed = sim.seedCompletedJob(request.id(), "failed", ago(Duration.ofHours(2)));
        SimJob cancelled = sim.seedCompletedJob(request.id(), "cancelled", ago(Duration.ofHours(1)));
        sim.seedJob(request.id(), "running", null, ago(Duration.ofMinutes(5)));
        CamelContext context = startCamel(
                Map.of("repoDefault", new MemoryIdempotentRepository(), "repoProblems", new MemoryIdempotentRepository()),
                route("dataconnector:jobs?" + FAST + "&idempotentRepository=#repoDefault", "mock:default"),
                route("dataconnector:jobs?" + FAST + "&idempotentRepository=#repoProblems"
                      + "&completionStatuses=failed,cancelled",
                        "mock:problems"));
        MockEndpoint byDefault = context.getEndpoint("mock:default", MockEndpoint.class);
        MockEndpoint problems = context.getEndpoint("mock:problems", MockEndpoint.class);

        awaitCount(byDefault::getReceivedCounter, 1);
        awaitCount(problems::getReceivedCounter, 2);
        awaitMoreListings(4);

        assertThat(jobIds(byDefault)).containsExactly(success.id());
        assertThat(jobIds(problems)).containsExactly(failed.id(), cancelled.id());
        assertThat(problems.getReceivedExchanges().get(1).getMessage()
                .getHeader(DataConnectorConstants.COMPLETION_STATUS)).isEqualTo("cancelled");
    }

    @Test
    void quartzCronScheduledConsumerFires() throws Exception {
        SimRequest request = sim.seedRequest();
        SimJob job = sim.seedCompletedJob(request.id(), "success", ago(Duration.ofMinutes(10)));
        CamelContext started = createCamel(Map.of("repo", new MemoryIdempotentRepository()), new RouteBuilder() {
            @Override
            public void configure() {
                from("dataconnector:jobs?idempotentRepository=#repo&scheduler=quartz&scheduler.cron=0/1+*+*+*+*+?")
                        .routeId("cronJobs").to("mock:cron");
            }
        });
        NotifyBuilder done = new NotifyBuilder(started).fromRoute("cronJobs").whenCompleted(1).create();
        started.start();

        assertThat(done.matches(10, TimeUnit.SECONDS)).as("the cron-scheduled poll emitted the job").isTrue();
        MockEndpoint mock = started.getEndpoint("mock:cron", MockEndpoint.class);
        assertThat(jobIds(mock)).containsExactly(job.id());
        assertThat(started.getRoute("cronJobs").getConsumer()).isInstanceOf(DataConnectorJobsConsumer.class);
        assertThat(((DataConnectorJobsConsumer) started.getRoute("cronJobs").getConsumer()).getScheduler()
                .getClass().getName()).contains("Quartz");
    }

    @Test
    void jdbcRepositorySurvivesACamelContextRestart() throws Exception {
        SimRequest request = sim.seedRequest();
        SimJob before = sim.seedCompletedJob(request.id(), "success", ago(Duration.ofHours(1)));
        String uri = "dataconnector:jobs?" + FAST + "&dataSource=#warehouse";

        CamelContext first = startCamel(Map.of("warehouse", h2("restart")), route(uri, "mock:jobs"));
        MockEndpoint firstMock = first.getEndpoint("mock:jobs", MockEndpoint.class);
        awaitCount(firstMock::getReceivedCounter, 1);
        assertThat(jobIds(firstMock)).containsExactly(before.id());
        stopCamel(first);

        SimJob after = sim.seedCompletedJob(request.id(), "success", ago(Duration.ofMinutes(1)));
        // a new context, a new DataSource object on the same database file: only the new job is emitted
        CamelContext second = startCamel(Map.of("warehouse", h2("restart")), route(uri, "mock:jobs"));
        MockEndpoint secondMock = second.getEndpoint("mock:jobs", MockEndpoint.class);
        awaitCount(secondMock::getReceivedCounter, 1);
        awaitMoreListings(3);
        assertThat(jobIds(secondMock)).containsExactly(after.id());
    }

    @Test
    void failingDownstreamLeavesTheJobUnmarkedAndItIsRetriedUpToTheCap() throws Exception {
        SimRequest request = sim.seedRequest();
        SimJob flaky = sim.seedCompletedJob(request.id(), "success", ago(Duration.ofHours(2)));
        SimJob broken = sim.seedCompletedJob(request.id(), "success", ago(Duration.ofHours(1)));
        MemoryIdempotentRepository repository = new MemoryIdempotentRepository();
        CamelContext context = startCamel(Map.of("repo", repository), new RouteBuilder() {
            @Override
            public void configure() {
                from("dataconnector:jobs?" + FAST + "&idempotentRepository=#repo&maxAttempts=3")
                        .to("mock:attempts")
                        .process(exchange -> {
                            String jobId = exchange.getMessage().getHeader(DataConnectorConstants.JOB_ID, String.class);
                            int attempt = exchange.getMessage().getHeader(DataConnectorConstants.ATTEMPT, Integer.class);
                            if (jobId.equals(broken.id()) || attempt == 1) {
                                throw new IllegalStateException("warehouse load failed for " + jobId);
                            }
                        })
                        .to("mock:loaded");
            }
        });
        MockEndpoint attempts = context.getEndpoint("mock:attempts", MockEndpoint.class);
        MockEndpoint loaded = context.getEndpoint("mock:loaded", MockEndpoint.class);

        awaitCount(loaded::getReceivedCounter, 1);
        awaitCount(() -> (int) jobIds(attempts).stream().filter(broken.id()::equals).count(), 3);
        awaitMoreListings(4);

        assertThat(jobIds(loaded)).containsExactly(flaky.id());
        assertThat(jobIds(attempts).stream().filter(flaky.id()::equals)).hasSize(2);
        assertThat(jobIds(attempts).stream().filter(broken.id()::equals)).hasSize(3); // the cap: never a 4th time
        List<Integer> brokenAttempts = attempts.getReceivedExchanges().stream()
                .filter(e -> broken.id().equals(e.getMessage().getHeader(DataConnectorConstants.JOB_ID)))
                .map(e -> e.getMessage().getHeader(DataConnectorConstants.ATTEMPT, Integer.class)).toList();
        assertThat(brokenAttempts).containsExactly(1, 2, 3);
        assertThat(repository.contains(flaky.id())).isTrue();
        assertThat(repository.contains(broken.id())).as("skipped after the cap: marked").isTrue();
    }

    @Test
    void twoConsumersOnOneRepositoryEmitEachJobOnceBetweenThem() throws Exception {
        SimRequest request = sim.seedRequest();
        List<SimJob> jobs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            jobs.add(sim.seedJob(request.id(), "running", null, ago(Duration.ofMinutes(60 - i))));
        }
        JdbcDataSource shared = h2("shared");
        Queue<String> emitted = new ConcurrentLinkedQueue<>();
        Map<String, Integer> perInstance = new java.util.concurrent.ConcurrentHashMap<>();
        RouteBuilder[] instances = new RouteBuilder[2];
        for (int i = 0; i < 2; i++) {
            String instance = "node" + i;
            instances[i] = new RouteBuilder() {
                @Override
                public void configure() {
                    from("dataconnector:jobs?delay=50&initialDelay=0&dataSource=#warehouse")
                            .process(e -> {
                                emitted.add(e.getMessage().getHeader(DataConnectorConstants.JOB_ID, String.class));
                                perInstance.merge(instance, 1, Integer::sum);
                            });
                }
            };
        }
        startCamel(Map.of("warehouse", shared), instances[0]);
        startCamel(Map.of("warehouse", shared), instances[1]);
        awaitMoreListings(4);

        jobs.forEach(job -> sim.completeJobNow(job.id())); // both instances see all of them on their next poll
        awaitCount(emitted::size, jobs.size());
        awaitMoreListings(6);

        assertThat(emitted).containsExactlyInAnyOrderElementsOf(jobs.stream().map(SimJob::id).toList());
        assertThat(perInstance.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(jobs.size());
    }

    @Test
    void pagingStopsAtTheLookBackHorizon() throws Exception {
        SimRequest request = sim.seedRequest();
        for (int i = 0; i < 40; i++) {
            sim.seedCompletedJob(request.id(), "success", ago(Duration.ofDays(8 + i)));
        }
        List<String> recent = new ArrayList<>();
        for (int i = 3; i > 0; i--) {
            recent.add(sim.seedCompletedJob(request.id(), "success", ago(Duration.ofHours(i))).id());
        }
        CamelContext context = startCamel(Map.of("repo", new MemoryIdempotentRepository()),
                route("dataconnector:jobs?initialDelay=0&repeatCount=1&pageSize=2&idempotentRepository=#repo",
                        "mock:jobs"));
        MockEndpoint mock = context.getEndpoint("mock:jobs", MockEndpoint.class);

        awaitCount(mock::getReceivedCounter, 3);
        assertThat(jobIds(mock)).containsExactlyElementsOf(recent); // oldest first
        // newest first, 2 per page: [r3 r2] [r1 old] -> the horizon is reached on page 2 (all 43 would take 22 pages)
        assertThat(jobListings()).isEqualTo(2);
        assertThat(sim.recordedRequests("GET", "/jobs$").get(0).rawQuery())
                .contains("sort=desc").contains("limit=2").contains("filter%5Bstatus%5D=complete");
    }

    @Test
    void maxMessagesPerPollIsHonouredOldestFirst() throws Exception {
        SimRequest request = sim.seedRequest();
        List<String> expected = new ArrayList<>();
        for (int i = 5; i > 0; i--) {
            expected.add(sim.seedCompletedJob(request.id(), "success", ago(Duration.ofMinutes(i))).id());
        }
        CamelContext context = startCamel(Map.of(), route(
                "dataconnector:jobs?" + FAST + "&maxMessagesPerPoll=2&idempotentRepository="
                                                          + "#class:org.apache.camel.support.processor.idempotent."
                                                          + "MemoryIdempotentRepository",
                "mock:jobs"));
        MockEndpoint mock = context.getEndpoint("mock:jobs", MockEndpoint.class);

        awaitCount(mock::getReceivedCounter, 5);
        awaitMoreListings(2);
        assertThat(jobIds(mock)).containsExactlyElementsOf(expected);
        assertThat(mock.getReceivedExchanges()).allSatisfy(
                e -> assertThat(e.getProperty(ExchangePropertyKey.BATCH_SIZE, Integer.class)).isLessThanOrEqualTo(2));
    }

    @Test
    void consumerWithoutIdempotentRepositoryFailsAtStartNamingTheOption() {
        assertThatThrownBy(() -> startCamel(Map.of(), route("dataconnector:jobs", "mock:jobs")))
                .hasMessageContaining("idempotentRepository").hasMessageContaining("dataSource");
    }

    @Test
    void producerRejectsTheJobsEndpointAndConsumerRejectsOtherOperations() throws Exception {
        CamelContext context = startCamel(new HashMap<>());
        assertThatThrownBy(() -> context.createProducerTemplate().sendBody("dataconnector:jobs", "x"))
                .rootCause().hasMessageContaining("dataconnector:listJobs");
        assertThatThrownBy(() -> context.getEndpoint("dataconnector:listJobs").createConsumer(exchange -> {
        })).hasMessageContaining("consumers (in from()) are dataconnector:jobs and dataconnector:callback");
    }

    @Test
    void defaultDelayIsFifteenMinutes() throws Exception {
        CamelContext context = startCamel(Map.of());
        DataConnectorEndpoint endpoint = context.getEndpoint("dataconnector:jobs", DataConnectorEndpoint.class);
        assertThat(endpoint.getDelay()).isEqualTo(Duration.ofMinutes(15).toMillis());
        DataConnectorEndpoint custom = context.getEndpoint("dataconnector:jobs?delay=5000&lookBack=2d",
                DataConnectorEndpoint.class);
        assertThat(custom.getDelay()).isEqualTo(5000);
        assertThat(custom.getConfiguration().getLookBack()).isEqualTo(Duration.ofDays(2).toMillis());
    }
}
