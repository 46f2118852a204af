package io.dataconnector.camel.component;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.dataconnector.camel.component.model.SignedUrl;
import io.dataconnector.camel.simulator.Fault;
import io.dataconnector.camel.simulator.SimJob;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static io.dataconnector.camel.component.DataConnectorConstants.FILE_NAME;
import static io.dataconnector.camel.component.DataConnectorConstants.JOB_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs failing calls with recognisable credentials and asserts that none of them, nor a signed URL's credentials,
 * appears in any log line (all levels, with stack traces) or exception text.
 */
class SecretsNotLeakedTest extends SimulatorTestSupport {

    private static final String STATIC_TOKEN = "tokLEAKstatic0123456789";
    private static final String CLIENT_SECRET = "csLEAKsecret0123456789";
    private static final String REFRESH_TOKEN = "rtLEAKrefresh0123456789";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<String> exceptionTexts = new ArrayList<>();
    private Logger root;
    private Level rootLevel;

    @BeforeEach
    void captureAllLogs() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        root.detachAppender(logs);
        root.setLevel(rootLevel);
    }

    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:staticToken").to("dataconnector:getJob?accessToken=RAW(" + STATIC_TOKEN + ")&maxRetries=0");
                from("direct:refresh").to("dataconnector:getJob?clientId=app&clientSecret=RAW(" + CLIENT_SECRET
                                          + ")&refreshToken=RAW(" + REFRESH_TOKEN + ")&tokenStore=" + dir.resolve("rt"));
                from("direct:url").to("dataconnector:getJobFileUrl").log("got ${body}");
                from("direct:download").to("dataconnector:downloadJobFile?maxRetries=0");
                from("direct:retries").to("dataconnector:getJob?maxRetries=2&retryDelay=10");
            }
        };
    }

    private void run(String endpoint, Map<String, Object> headers) {
        Exchange result = template.request(endpoint, e -> e.getMessage().setHeaders(headers));
        for (Throwable t = result.getException(); t != null; t = t.getCause()) {
            exceptionTexts.add(t.toString());
            exceptionTexts.add(String.valueOf(t.getMessage()));
        }
    }

    @Test
    void noSecretInLogsOrExceptions() {
        SimJob job = sim.seedCompleteSuccessJob();
        sim.registerClient("app", "the-real-secret");
        Map<String, Object> jobHeaders = Map.of(JOB_ID, job.id(), FILE_NAME, "admin_users.csv");

        run("direct:staticToken", jobHeaders); // 401: unknown static token
        run("direct:refresh", jobHeaders); // token endpoint: invalid_client
        SignedUrl url = template.requestBodyAndHeaders("direct:url", null, Map.<String, Object> copyOf(jobHeaders),
                SignedUrl.class);
        sim.faults().enqueue(Fault.expiredSignedUrl());
        run("direct:download", jobHeaders); // 403 from the storage host
        sim.faults().enqueue(Fault.serviceUnavailable().times(5));
        run("direct:retries", jobHeaders); // retry warnings, then 503

        assertThat(exceptionTexts).as("the failures produced exceptions").hasSizeGreaterThanOrEqualTo(6);
        List<String> secrets = new ArrayList<>(List.of(STATIC_TOKEN, CLIENT_SECRET, REFRESH_TOKEN,
                sim.defaultAccessToken()));
        String query = url.getSignedUrl().substring(url.getSignedUrl().indexOf('?') + 1);
        for (String parameter : query.split("&")) { // the URL's credentials: AWSAccessKeyId, Expires, Signature, token
            secrets.add(parameter.substring(parameter.indexOf('=') + 1));
        }

        List<String> logLines = new ArrayList<>();
        for (ILoggingEvent event : logs.list) {
            logLines.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                logLines.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }
        assertThat(logLines).as("log output was captured").isNotEmpty();
        for (String secret : secrets) {
            assertThat(logLines).as("log lines").noneMatch(line -> line.contains(secret));
            assertThat(exceptionTexts).as("exception texts").noneMatch(text -> text.contains(secret));
        }
    }
}
