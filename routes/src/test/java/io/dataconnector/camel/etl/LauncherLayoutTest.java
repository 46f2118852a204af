package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The launcher's log line is the one the pattern it replaces gave. */
class LauncherLayoutTest {

    private final LoggerContext context = new LoggerContext();
    private final LauncherLayout layout = new LauncherLayout();
    private final PatternLayout pattern = new PatternLayout();

    LauncherLayoutTest() {
        layout.setContext(context);
        layout.start();
        pattern.setContext(context);
        pattern.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
        pattern.start();
    }

    private LoggingEvent event(String logger, Level level, String message, Throwable thrown, Object... args) {
        Logger l = context.getLogger(logger);
        return new LoggingEvent(Logger.class.getName(), l, level, message, thrown, args);
    }

    @Test
    void aLineIsThePatternsLine() {
        for (LoggingEvent e : new LoggingEvent[] {
            event("io.dataconnector.camel.etl.RunOnce", Level.INFO, "Boot: first poll {} ms", null, 812),
            event("org.apache.camel.impl.engine.AbstractCamelContext", Level.WARN, "Routes stopped", null),
            event("dc-etl", Level.ERROR, "Job {}: {} failed", null, "j1", "a.csv"),
            event("x", Level.DEBUG, "short logger, five-letter level", null)}) {
            assertThat(layout.doLayout(e)).isEqualTo(pattern.doLayout(e));
        }
        assertThat(layout.doLayout(event("io.dataconnector.camel.etl.RunOnce", Level.INFO, "m", null)))
                .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  i\\.d\\.c\\.etl\\.RunOnce - m\\R");
    }

    @Test
    void aThrowableFollowsItsLineWithItsCauses() {
        Exception e = new IllegalStateException("load failed", new IOException("disk full"));
        String out = layout.doLayout(event("io.dataconnector.camel.etl.EtlApplication", Level.ERROR, "The ETL could not run",
                e));
        String[] lines = out.split("\\R");
        assertThat(lines[0]).endsWith("ERROR i.d.c.e.EtlApplication - The ETL could not run");
        assertThat(lines[1]).isEqualTo("java.lang.IllegalStateException: load failed");
        assertThat(lines[2]).startsWith("\tat io.dataconnector.camel.etl.LauncherLayoutTest.");
        assertThat(out).contains("Caused by: java.io.IOException: disk full").endsWith(System.lineSeparator());
    }
}
