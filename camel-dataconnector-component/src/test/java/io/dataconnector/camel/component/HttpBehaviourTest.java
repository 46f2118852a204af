package io.dataconnector.camel.component;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import io.dataconnector.camel.component.api.DataConnectorException;
import io.dataconnector.camel.component.model.Job;
import io.dataconnector.camel.simulator.Fault;
import io.dataconnector.camel.simulator.RecordedRequest;
import io.dataconnector.camel.simulator.SimJob;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static io.dataconnector.camel.component.DataConnectorConstants.FILE_NAME;
import static io.dataconnector.camel.component.DataConnectorConstants.JOB_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** Retries, back-off, Retry-After and error mapping, against faults injected by the simulator. */
class HttpBehaviourTest extends SimulatorTestSupport {

    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:getJob").to("dataconnector:getJob?maxRetries=2&retryDelay=100");
                from("direct:download").to("dataconnector:downloadJobFile?maxRetries=1&retryDelay=50");
            }
        };
    }

    private Exchange getJob(String jobId) {
        return template.request("direct:getJob", e -> e.getMessage().setHeader(JOB_ID, jobId));
    }

    private List<RecordedRequest> jobCalls(String jobId) {
        return sim.recordedRequests("GET", ".*/jobs/" + jobId);
    }

    @Test
    void retryAfterInSecondsIsObeyed() {
        SimJob job = sim.seedCompleteSuccessJob();
        sim.faults().enqueue(Fault.tooManyRequests("1").on("GET", ".*/jobs/" + job.id()));

        Exchange result = getJob(job.id());

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getBody(Job.class).getId()).isEqualTo(job.id());
        List<RecordedRequest> calls = jobCalls(job.id());
        assertThat(calls).hasSize(2);
        assertThat(Duration.between(calls.get(0).receivedAt(), calls.get(1).receivedAt()))
                .as("the retry waited for Retry-After: 1").isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void retryAfterAsHttpDateIsObeyed() {
        SimJob job = sim.seedCompleteSuccessJob();
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2).withNano(0));
        sim.faults().enqueue(Fault.tooManyRequests(inTwoSeconds).on("GET", ".*/jobs/" + job.id()));

        Exchange result = getJob(job.id());

        assertThat(result.getException()).isNull();
        List<RecordedRequest> calls = jobCalls(job.id());
        assertThat(calls).hasSize(2);
        // the date has a one-second resolution: at least one second passed, far more than retryDelay=100ms
        assertThat(Duration.between(calls.get(0).receivedAt(), calls.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void serviceUnavailableIsRetriedWithBackoffThenSucceeds() {
        SimJob job = sim.seedCompleteSuccessJob();
        sim.faults().enqueue(Fault.serviceUnavailable().on("GET", ".*/jobs/" + job.id()).times(2));

        Exchange result = getJob(job.id());

        assertThat(result.getException()).isNull();
        List<RecordedRequest> calls = jobCalls(job.id());
        assertThat(calls).hasSize(3);
        Duration firstWait = Duration.between(calls.get(0).receivedAt(), calls.get(1).receivedAt());
        Duration secondWait = Duration.between(calls.get(1).receivedAt(), calls.get(2).receivedAt());
        assertThat(firstWait).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(secondWait).as("exponential: the second wait doubles").isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void retriesAreBoundedAndTheErrorCarriesStatusOperationAndIds() {
        SimJob job = sim.seedCompleteSuccessJob();
        sim.faults().enqueue(Fault.serviceUnavailable().message("maintenance window").on("GET", ".*/jobs/" + job.id())
                .times(10));

        Exchange result = getJob(job.id());

        assertThat(result.getException()).isInstanceOf(DataConnectorException.class);
        DataConnectorException error = (DataConnectorException) result.getException();
        assertThat(error.getStatusCode()).isEqualTo(503);
        assertThat(error.getOperation()).isEqualTo("getJob");
        assertThat(error.getMessage()).contains("jobId=" + job.id()).contains("maintenance window");
        assertThat(jobCalls(job.id())).as("1 call + maxRetries=2").hasSize(3);
    }

    @Test
    void clientErrorsAreNotRetried() {
        SimJob job = sim.seedCompleteSuccessJob();
        sim.faults().enqueue(Fault.status(403).message("no executive overview").on("GET", ".*/jobs/" + job.id()));

        Exchange result = getJob(job.id());

        DataConnectorException error = (DataConnectorException) result.getException();
        assertThat(error.getStatusCode()).isEqualTo(403);
        assertThat(error.getApiError()).contains("no executive overview");
        assertThat(jobCalls(job.id())).hasSize(1);
    }

    @Test
    void a401WithAStaticTokenFailsAfterOneCall() {
        SimJob job = sim.seedCompleteSuccessJob();
        sim.faults().enqueue(Fault.tokenExpired().on("GET", ".*/jobs/" + job.id()));

        Exchange result = getJob(job.id());

        assertThat(((DataConnectorException) result.getException()).getStatusCode()).isEqualTo(401);
        assertThat(jobCalls(job.id())).hasSize(1);
    }

    @Test
    void anExpiredSignedUrlIsAClearErrorWithoutTheUrl() {
        SimJob job = sim.seedCompleteSuccessJob();
        sim.faults().enqueue(Fault.expiredSignedUrl());

        Exchange result = template.request("direct:download",
                e -> e.getMessage().setHeaders(Map.of(JOB_ID, job.id(), FILE_NAME, "admin_users.csv")));

        DataConnectorException error = (DataConnectorException) result.getException();
        assertThat(error.getStatusCode()).isEqualTo(403);
        assertThat(error.getOperation()).isEqualTo("downloadJobFile");
        assertThat(error.getMessage()).contains("signed URL").contains("admin_users.csv")
                .doesNotContain("Signature").doesNotContain("/storage/");
    }

    @Test
    void aTruncatedDownloadFailsWhileReading() throws Exception {
        SimJob job = sim.seedCompleteSuccessJob();
        sim.faults().enqueue(Fault.truncatedDownload(100));

        Exchange result = template.request("direct:download",
                e -> e.getMessage().setHeaders(Map.of(JOB_ID, job.id(), FILE_NAME, "autodesk_data_extract.zip")));

        assertThat(result.getException()).isNull();
        long announced = result.getMessage().getHeader(DataConnectorConstants.FILE_SIZE, Long.class);
        try (java.io.InputStream body = result.getMessage().getBody(java.io.InputStream.class)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> body.transferTo(java.io.OutputStream.nullOutputStream()))
                    .isInstanceOf(java.io.IOException.class);
        }
        assertThat(announced).isGreaterThan(100);
    }

    @Test
    void aRetryAfterBeyondMaxRetryDelayFailsAtOnceWithTheWait() {
        SimJob job = sim.seedCompleteSuccessJob();
        sim.faults().enqueue(Fault.tooManyRequests("3600").on("GET", ".*/jobs/" + job.id()));

        long started = System.nanoTime();
        Exchange result = getJob(job.id());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(elapsed).as("no sleep").isLessThan(Duration.ofMillis(500));
        assertThat(jobCalls(job.id())).as("one call, no retry").hasSize(1);
        assertThat(result.getException()).isInstanceOfSatisfying(DataConnectorException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(429);
            assertThat(e.getMessage()).contains("HTTP 429", "getJob", "jobId=" + job.id(), "Rate limit exceeded",
                    "3600 s", "maxRetryDelay");
        });
    }

    @Test
    void anExpectedApiErrorIsOneLineWithStatusOperationIdsAndApiText() {
        SimJob job = sim.seedCompleteSuccessJob();
        sim.faults().enqueue(Fault.status(403).message("Invalid user access level for the specified projects/account")
                .on("GET", ".*/jobs/" + job.id()));
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(DataConnectorException.class);
        ch.qos.logback.classic.Level previous = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        DataConnectorException error;
        try {
            error = (DataConnectorException) getJob(job.id()).getException();
        } finally {
            logger.setLevel(previous);
        }

        assertThat(error.getMessage()).isEqualTo("Data Connector getJob failed with HTTP 403 (accountId="
                                                 + sim.accountId() + ", jobId=" + job.id() + "): Invalid user access"
                                                 + " level for the specified projects/account [SIMULATED_403]");
        assertThat(error.getStackTrace()).as("no stack trace unless DEBUG").isEmpty();

        sim.faults().enqueue(Fault.status(404).on("GET", ".*/jobs/" + job.id()));
        DataConnectorException atDebug = (DataConnectorException) getJob(job.id()).getException();
        assertThat(atDebug.getStatusCode()).isEqualTo(404);
        assertThat(atDebug.getStackTrace()).as("DEBUG is on for io.dataconnector in the tests").isNotEmpty();
    }
}
