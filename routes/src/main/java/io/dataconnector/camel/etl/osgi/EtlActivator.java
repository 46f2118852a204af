package io.dataconnector.camel.etl.osgi;

import java.util.Dictionary;
import java.util.Hashtable;

import org.apache.camel.karaf.core.OsgiDefaultCamelContext;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedService;

/**
 * The ETL bundle inside Karaf: one {@code dataconnector-etl} template instance in a CamelContext of its own, run by
 * {@link EtlLifecycle} once the PID {@value EtlProperties#PID} is configured, the Camel bundles the routes need are
 * started ({@link CamelServicesReady}) and the warehouse DataSource service is registered. No Declarative Services
 * or Blueprint needed.
 */
public final class EtlActivator implements BundleActivator {

    private EtlLifecycle lifecycle;
    private CamelServicesReady resolvers;
    private ServiceRegistration<ManagedService> settings;

    @Override
    public void start(BundleContext context) throws Exception {
        lifecycle = new EtlLifecycle(context, () -> new OsgiDefaultCamelContext(context));
        resolvers = new CamelServicesReady(context, lifecycle::resolversReady);
        lifecycle.reportMissingFrom(resolvers::missing);
        resolvers.open();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_PID, EtlProperties.PID);
        settings = context.registerService(ManagedService.class, lifecycle, properties);
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        settings.unregister();
        resolvers.close();
        lifecycle.close();
    }
}
