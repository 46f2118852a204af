package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dataconnector.camel.simulator.Fault;
import io.dataconnector.camel.simulator.Operation;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Expected API errors, as users meet them (403 "Invalid user access level…"), are one clear line in the run-once
 * output: status, operation, ids and Autodesk's text, and no stack trace below DEBUG.
 */
class ApiErrorsTest extends ReliabilityTestBase {

    private static final String ACCESS = "Invalid user access level for the specified projects/account";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    @Test
    @Scenario(id = "API-1", title = "a 403 from the API (invalid access level): exit 1, one clear line (status, "
                                    + "operation, API text), no stack trace at INFO and above")
    void forbiddenIsOneClearLine() throws Exception {
        job(30);
        sim.faults().enqueue(Fault.status(403).message(ACCESS).on(Operation.LIST_JOBS).times(10));

        assertThat(runApp("--once")).as(lastOutput).isEqualTo(1);

        List<ILoggingEvent> visible = logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .toList();
        List<ILoggingEvent> naming = visible.stream().filter(e -> e.getFormattedMessage().contains(ACCESS)).toList();
        assertThat(naming).as("the API's text is logged").isNotEmpty();
        assertThat(naming).allSatisfy(e -> {
            assertThat(e.getFormattedMessage()).contains("403").contains("listJobs").doesNotContain("\n");
        });
        assertThat(visible).as("no stack trace at INFO and above")
                .allSatisfy(e -> assertThat(e.getThrowableProxy()).as(e.getFormattedMessage()).isNull());
        evidence("exit 1; %d line(s) name the error, e.g. '%s'; %d INFO+ events, none with a stack trace",
                naming.size(), HostileExtractsTest.shorten(naming.get(0).getFormattedMessage()), visible.size());
    }
}
