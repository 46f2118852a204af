package io.dataconnector.camel.etl.osgi;

import java.util.Dictionary;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.cm.ManagedService;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the ETL's CamelContext while its three inputs are there: the settings (PID {@value EtlProperties#PID}), the
 * Camel resolvers ({@link CamelServicesReady}) and the warehouse DataSource service; stops it when one goes, and
 * starts a new one when the settings or the DataSource change. Starting and stopping happen on one thread of its
 * own, never on the ConfigAdmin or service-event threads.
 */
final class EtlLifecycle implements ManagedService {

    private static final Logger LOG = LoggerFactory.getLogger(EtlLifecycle.class);

    private final BundleContext bundleContext;
    private final Supplier<CamelContext> newContext;
    private volatile Supplier<java.util.Set<String>> missingResolvers = java.util.Set::of;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "dataconnector-etl"));

    private Map<String, String> settings;
    private boolean resolversReady;
    private ServiceTracker<DataSource, DataSource> dataSources;
    private DataSource dataSource;

    /** Touched only on the worker thread. */
    private CamelContext running;
    private Map<String, String> runningSettings;
    private DataSource runningDataSource;

    EtlLifecycle(BundleContext bundleContext, Supplier<CamelContext> newContext) {
        this.bundleContext = bundleContext;
        this.newContext = newContext;
    }

    @Override
    public void updated(Dictionary<String, ?> properties) throws ConfigurationException {
        Map<String, String> read = null;
        if (properties != null) {
            try {
                read = EtlProperties.fromPid(properties);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(null, e.getMessage(), e);
            }
            if (!EtlProperties.ignoredKeys(read).isEmpty()) {
                LOG.warn("PID {}: {} not used inside Karaf: the warehouse is the DataSource service named by {}",
                        EtlProperties.PID, EtlProperties.ignoredKeys(read), EtlProperties.DATA_SOURCE_NAME);
            }
        }
        synchronized (this) {
            String oldFilter = settings == null ? null : EtlProperties.dataSourceFilter(settings);
            settings = read;
            String newFilter = read == null ? null : EtlProperties.dataSourceFilter(read);
            if (!java.util.Objects.equals(oldFilter, newFilter)) {
                trackDataSource(newFilter);
            }
        }
        reconcile();
    }

    /** Where to ask which Camel resolvers are still missing, for the log line while the ETL waits. */
    void reportMissingFrom(Supplier<java.util.Set<String>> missing) {
        missingResolvers = missing;
    }

    void resolversReady(boolean ready) {
        synchronized (this) {
            resolversReady = ready;
        }
        reconcile();
    }

    /** Stops the ETL and the worker; waits up to a minute. */
    void close() throws InterruptedException {
        synchronized (this) {
            settings = null;
            trackDataSource(null);
        }
        reconcile();
        worker.shutdown();
        if (!worker.awaitTermination(1, TimeUnit.MINUTES)) {
            LOG.warn("The Data Connector ETL did not stop within a minute");
        }
    }

    private void trackDataSource(String filter) {
        if (dataSources != null) {
            dataSources.close();
            dataSources = null;
        }
        dataSource = null;
        if (filter == null) {
            return;
        }
        try {
            dataSources = new ServiceTracker<>(bundleContext, bundleContext.createFilter(filter), null) {
                @Override
                public DataSource addingService(ServiceReference<DataSource> reference) {
                    // not tracked until this returns: getService() would not see it yet
                    DataSource added = super.addingService(reference);
                    dataSourceChanged(this, added);
                    return added;
                }

                @Override
                public void removedService(ServiceReference<DataSource> reference, DataSource service) {
                    super.removedService(reference, service);
                    dataSourceChanged(this, null);
                }
            };
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(EtlProperties.DATA_SOURCE_NAME + " gives a bad filter " + filter, e);
        }
        LOG.info("Data Connector ETL: waiting for the warehouse DataSource {}", filter);
        dataSources.open();
    }

    /**
     * @param added the service just added (kept unless one is in use already), or {@code null} after a removal (then
     *              another tracked one, if any, takes over)
     */
    private void dataSourceChanged(ServiceTracker<DataSource, DataSource> tracker, DataSource added) {
        synchronized (this) {
            if (tracker != dataSources && dataSources != null) {
                return; // a tracker replaced by a new filter
            }
            if (added != null) {
                dataSource = dataSource != null ? dataSource : added;
            } else {
                DataSource remaining = tracker.getService();
                dataSource = remaining;
            }
        }
        reconcile();
    }

    private void reconcile() {
        if (!worker.isShutdown()) {
            worker.execute(this::apply);
        }
    }

    /** On the worker: brings the running context in line with the inputs. */
    private void apply() {
        Map<String, String> wantedSettings;
        DataSource wantedDataSource;
        synchronized (this) {
            boolean complete = settings != null && resolversReady && dataSource != null;
            wantedSettings = complete ? settings : null;
            wantedDataSource = complete ? dataSource : null;
        }
        if (running != null && (wantedSettings != runningSettings || wantedDataSource != runningDataSource)) {
            LOG.info("Data Connector ETL: stopping");
            running.stop();
            running = null;
            runningSettings = null;
            runningDataSource = null;
        }
        if (running == null && wantedSettings != null) {
            CamelContext context = newContext.get();
            try {
                EtlContextSetup.configure(context, wantedSettings, wantedDataSource);
                context.start();
                running = context;
                runningSettings = wantedSettings;
                runningDataSource = wantedDataSource;
                LOG.info("Data Connector ETL: started (account {})", wantedSettings.get(EtlProperties.ACCOUNT_ID));
            } catch (Exception e) {
                LOG.error("Data Connector ETL could not start: {} (fix PID {} or the DataSource; it starts again "
                        + "on the next change)", e.getMessage(), EtlProperties.PID, e);
                try {
                    context.stop();
                } catch (RuntimeException stopFailure) {
                    e.addSuppressed(stopFailure);
                }
            }
        } else if (wantedSettings == null && running == null) {
            synchronized (this) {
                if (settings != null) {
                    LOG.info("Data Connector ETL: waiting for {}", dataSource == null ? "the warehouse DataSource"
                            : "the Camel components and languages " + missingResolvers.get());
                }
            }
        }
    }
}
