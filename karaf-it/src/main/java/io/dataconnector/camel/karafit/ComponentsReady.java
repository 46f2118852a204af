package io.dataconnector.camel.karafit;

import java.util.HashSet;
import java.util.Set;

import org.apache.camel.spi.ComponentResolver;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Calls back once every named Camel component is offered as a {@link ComponentResolver} service, which
 * camel-core-osgi registers (property {@code component}) for each started bundle that ships the component.
 */
final class ComponentsReady extends ServiceTracker<ComponentResolver, ComponentResolver> {

    private final Set<String> missing;
    private final Runnable whenReady;

    ComponentsReady(BundleContext context, Set<String> names, Runnable whenReady) {
        super(context, ComponentResolver.class, null);
        this.missing = new HashSet<>(names);
        this.whenReady = whenReady;
    }

    @Override
    public ComponentResolver addingService(ServiceReference<ComponentResolver> reference) {
        boolean ready;
        synchronized (missing) {
            boolean wasMissing = !missing.isEmpty();
            Object names = reference.getProperty("component");
            if (names instanceof String[] array) {
                missing.removeAll(Set.of(array));
            } else if (names != null) {
                missing.remove(names.toString());
            }
            ready = wasMissing && missing.isEmpty();
        }
        if (ready) {
            whenReady.run();
        }
        return super.addingService(reference);
    }
}
