package io.dataconnector.camel.etl;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The launcher's logging, set up in code (a logback {@link Configurator}, registered as a service of this jar):
 * parsing an XML configuration costs about 0.2 s of CPU at every start (logback's Joran and the JDK's XML parser).
 * Lines go to stderr as {@code HH:mm:ss.SSS LEVEL logger - message} ({@link LauncherLayout});
 * {@code io.dataconnector} logs at {@code ETL_LOG_LEVEL} (default INFO), the route log {@code dc-etl} and Camel's start/stop lines at INFO, everything
 * else (Camel Main included: it logs configured values, secrets among them, at DEBUG) at WARN.
 * <p>
 * Replaces the logback.xml this jar used to ship, with the same settings. Steps aside for a configuration of the
 * user's (an application embedding this module, a test): {@code -Dlogback.configurationFile}, or a {@code logback-test.xml}
 * or {@code logback.xml} on the class path; logback then reads that as usual.
 */
public class LauncherLogging extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = LauncherLogging.class.getClassLoader();
        if (System.getProperty("logback.configurationFile") != null || loader.getResource("logback-test.xml") != null
            || loader.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LauncherLayout layout = new LauncherLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        String level = System.getenv("ETL_LOG_LEVEL");
        context.getLogger("io.dataconnector").setLevel(Level.toLevel(level, Level.INFO));
        context.getLogger("dc-etl").setLevel(Level.INFO);
        context.getLogger("org.apache.camel.main").setLevel(Level.WARN);
        context.getLogger("org.apache.camel.impl.engine.AbstractCamelContext").setLevel(Level.INFO);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
