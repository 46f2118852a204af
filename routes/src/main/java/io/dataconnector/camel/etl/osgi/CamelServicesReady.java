package io.dataconnector.camel.etl.osgi;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.apache.camel.spi.ComponentResolver;
import org.apache.camel.spi.LanguageResolver;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Tells whether every Camel component and language the ETL's routes use is offered as a resolver service, which
 * camel-core-osgi registers (property {@code component} or {@code language}) for each started bundle shipping one:
 * bundles start in no fixed order inside Karaf. Calls back {@code true} when the last one arrives and {@code false}
 * when one of them leaves.
 */
final class CamelServicesReady extends ServiceTracker<Object, String> {

    /** What the routes use: {@code component:<name>} or {@code language:<name>}. */
    static final Set<String> NEEDED = Set.of("component:dataconnector", "component:direct", "component:http",
            "component:https", "component:quartz", "component:log", "language:simple", "language:bean",
            "language:constant");

    private final Map<String, Integer> present = new HashMap<>();
    private final Consumer<Boolean> listener;
    private boolean ready;

    CamelServicesReady(BundleContext context, Consumer<Boolean> listener) throws InvalidSyntaxException {
        super(context, FrameworkUtil.createFilter("(|(objectClass=" + ComponentResolver.class.getName()
                + ")(objectClass=" + LanguageResolver.class.getName() + "))"), null);
        this.listener = listener;
    }

    /** The needed resolvers not offered yet, for a log line. */
    synchronized Set<String> missing() {
        Set<String> missing = new TreeSet<>(NEEDED);
        missing.removeAll(present.keySet());
        return missing;
    }

    @Override
    public String addingService(ServiceReference<Object> reference) {
        String key = key(reference);
        if (key != null) {
            changed(key, +1);
        }
        return key == null ? "" : key;
    }

    @Override
    public void removedService(ServiceReference<Object> reference, String key) {
        if (!key.isEmpty()) {
            changed(key, -1);
        }
    }

    private void changed(String key, int delta) {
        Boolean tell = null;
        synchronized (this) {
            present.merge(key, delta, Integer::sum);
            present.remove(key, 0);
            boolean now = present.keySet().containsAll(NEEDED);
            if (now != ready) {
                ready = now;
                tell = now;
            }
        }
        if (tell != null) {
            listener.accept(tell);
        }
    }

    private static String key(ServiceReference<?> reference) {
        Object component = reference.getProperty("component");
        if (component != null) {
            return "component:" + component;
        }
        Object language = reference.getProperty("language");
        return language != null ? "language:" + language : null;
    }
}
