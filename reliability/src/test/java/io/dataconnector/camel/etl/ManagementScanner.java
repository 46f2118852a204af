package io.dataconnector.camel.etl;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Added to the in-process app with {@code camel.main.routes-builder-classes}: when the app's CamelContext starts
 * stopping (the routes have run, the MBeans are still registered) it reads every attribute of every Camel MBean on the
 * platform MBeanServer and the output of every dev console, into {@link #OUTPUT}, for the secrets scan.
 */
public class ManagementScanner extends RouteBuilder {

    static final List<String> OUTPUT = new CopyOnWriteArrayList<>();
    static volatile int mbeans;
    static volatile int consoles;

    @Override
    public void configure() {
        CamelContext context = getContext();
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.CamelContextStoppingEvent) {
                    scan(context);
                }
            }
        });
    }

    static void scan(CamelContext context) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            for (ObjectName name : server.queryNames(new ObjectName("org.apache.camel:*"), null)) {
                mbeans++;
                OUTPUT.add("jmx: " + name);
                for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
                    if (!a.isReadable()) {
                        continue;
                    }
                    try {
                        Object v = server.getAttribute(name, a.getName());
                        OUTPUT.add("jmx: " + name + " " + a.getName() + "=" + deep(v));
                    } catch (Exception | LinkageError e) {
                        OUTPUT.add(name + " " + a.getName() + " ! " + e);
                    }
                }
            }
        } catch (Exception e) {
            OUTPUT.add("JMX scan failed: " + e);
        }
        DevConsoleRegistry registry = context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class);
        if (registry != null) {
            for (DevConsole console : registry.stream().toList()) {
                try {
                    consoles++;
                    OUTPUT.add("console " + console.getId() + " text: " + console.call(DevConsole.MediaType.TEXT));
                    OUTPUT.add("console " + console.getId() + " json: " + console.call(DevConsole.MediaType.JSON));
                } catch (Exception | LinkageError e) {
                    OUTPUT.add(console.getId() + " ! " + e);
                }
            }
        }
    }

    private static String deep(Object v) {
        if (v instanceof Object[] array) {
            return java.util.Arrays.deepToString(array);
        }
        if (v instanceof javax.management.openmbean.TabularData t) {
            return t.values().toString();
        }
        return String.valueOf(v);
    }
}
