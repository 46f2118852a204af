package io.dataconnector.camel.karafit;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Set;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedService;

/**
 * Starts the list-jobs route once both its settings (ConfigAdmin PID {@value #PID}) and the Camel components it
 * uses ({@code timer}, {@code dataconnector}) are there: bundles start in no fixed order inside Karaf.
 */
public final class KarafItActivator implements BundleActivator {

    /** The PID holding {@code baseUrl}, {@code accountId}, {@code accessToken} and {@code resultFile}. */
    public static final String PID = "io.dataconnector.karafit";

    private ListJobsRunner runner;
    private ComponentsReady components;
    private ServiceRegistration<ManagedService> settings;

    @Override
    public void start(BundleContext context) {
        runner = new ListJobsRunner(context);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_PID, PID);
        settings = context.registerService(ManagedService.class, runner::configure, properties);
        components = new ComponentsReady(context, Set.of("timer", "dataconnector"), runner::componentsReady);
        components.open();
    }

    @Override
    public void stop(BundleContext context) {
        components.close();
        settings.unregister();
        runner.stop();
    }
}
