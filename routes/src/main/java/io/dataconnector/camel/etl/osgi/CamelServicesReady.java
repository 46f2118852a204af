package io.dataconnector.camel.etl.osgi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
final class CamelServicesReady extends ServiceTracker<Object, List<String>> {

    /** What the routes use: {@code component:<name>} or {@code language:<name>}. */
    static final Set<String> NEEDED = Set.of("component:dataconnector", "component:direct",
            "component:quartz", "component:log", "language:simple", "language:bean",
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
    public List<String> addingService(ServiceReference<Object> reference) {
        List<String> keys = keys(reference);
        keys.forEach(key -> changed(key, +1));
        return keys;
    }

    @Override
    public void removedService(ServiceReference<Object> reference, List<String> keys) {
        keys.forEach(key -> changed(key, -1));
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

    /** {@code component:<name>} / {@code language:<name>} for each name the service offers (a String or String[]). */
    private static List<String> keys(ServiceReference<?> reference) {
        List<String> keys = new ArrayList<>();
        for (String kind : List.of("component", "language")) {
            Object names = reference.getProperty(kind);
            if (names instanceof String[] array) {
                for (String name : array) {
                    keys.add(kind + ":" + name);
                }
            } else if (names != null) {
                keys.add(kind + ":" + names);
            }
        }
        return keys;
    }
}
