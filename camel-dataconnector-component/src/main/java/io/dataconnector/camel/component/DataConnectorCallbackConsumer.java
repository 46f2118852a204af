package io.dataconnector.camel.component;

import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import io.dataconnector.camel.component.model.Job;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.NoSuchEndpointException;
import org.apache.camel.Processor;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job-completion callback receiver ({@code from("dataconnector:callback?secret=…")}), the push companion of
 * {@code dataconnector:jobs}.
 * <p>
 * It listens on {@code platform-http:<path>} (POST only; the application's server, or a Vert.x server it starts for
 * the {@code port} option). {@link CallbackRequestProcessor} authenticates, bounds and parses each call and answers it
 * at once (202). On a thread of its own pool the consumer then fetches the job ({@code getJob}) to confirm it is
 * complete with an accepted completion status, claims its id in the idempotent repository (eager add; a claim that
 * fails means the jobs consumer or an earlier callback has it) and emits an exchange with the same body ({@link Job})
 * and headers as the jobs consumer. A failed exchange releases the claim, so the jobs consumer retries the job; a
 * successful one confirms it. Failures outside an exchange (the API cannot confirm the job, the repository fails) go to
 * {@link #getExceptionHandler()}, so {@code bridgeErrorHandler=true} routes them to the route's error handler.
 */
public class DataConnectorCallbackConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(DataConnectorCallbackConsumer.class);

    private Set<String> completionStatuses;
    private IdempotentRepository repository;
    private boolean ownsRepository;
    private ExecutorService executor;
    private Consumer httpConsumer;
    private HealthCheckRegistration healthCheck;
    private final AtomicLong callbacksAccepted = new AtomicLong();
    private final AtomicLong callbacksHandled = new AtomicLong();
    private final AtomicLong jobsEmitted = new AtomicLong();

    public DataConnectorCallbackConsumer(DataConnectorEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public DataConnectorEndpoint getEndpoint() {
        return (DataConnectorEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        DataConnectorConfiguration config = getEndpoint().getConfiguration();
        if (config.getAccountId() == null || config.getAccountId().isBlank()) {
            throw new IllegalArgumentException("dataconnector:callback needs the accountId option");
        }
        if (config.getSecret() == null || config.getSecret().isBlank()) {
            throw new IllegalArgumentException("dataconnector:callback needs the secret option: the shared secret its"
                                               + " callback URL carries");
        }
        if (config.getMaxBodySize() < 1) {
            throw new IllegalArgumentException("maxBodySize must be at least 1 byte, was " + config.getMaxBodySize());
        }
        completionStatuses = DataConnectorJobsConsumer.parseCompletionStatuses(config.getCompletionStatuses());
        JobClaimRepository claims = JobClaimRepository.of(config, "dataconnector:callback");
        repository = claims.repository();
        ownsRepository = claims.owned();
        ServiceHelper.startService(repository);

        CamelContext context = getEndpoint().getCamelContext();
        String path = path(config.getPath());
        if (config.getPort() != null) {
            try {
                VertxCallbackServer.ensureStarted(context, config.getHost(), config.getPort(), config.getMaxBodySize());
            } catch (NoClassDefFoundError e) {
                throw new IllegalStateException("The port option of dataconnector:callback needs"
                                                + " camel-platform-http-vertx on the classpath", e);
            }
        }
        executor = context.getExecutorServiceManager().newDefaultThreadPool(this, "DataConnectorCallback");
        httpConsumer = httpEndpoint(context, path).createConsumer(
                new CallbackRequestProcessor(config.getSecret(), config.getMaxBodySize(), path,
                        (jobId, requestId) -> {
                            executor.execute(() -> handleCallback(jobId, requestId));
                            callbacksAccepted.incrementAndGet();
                        }));
        ServiceHelper.startService(httpConsumer);
        super.doStart();
        healthCheck = HealthCheckRegistration.register(context,
                new DataConnectorApiHealthCheck(getEndpoint(), "dataconnector-consumer-" + getRouteId()),
                getEndpoint().getComponent().isHealthCheckConsumerEnabled());
        LOG.info("Data Connector callback receiver listening on {} (POST){}", path,
                config.getPort() == null ? "" : " on " + config.getHost() + ":" + config.getPort());
    }

    private static Endpoint httpEndpoint(CamelContext context, String path) {
        try {
            return context.getEndpoint("platform-http:" + path + "?httpMethodRestrict=POST");
        } catch (NoSuchEndpointException | ResolveEndpointFailedException e) {
            throw new IllegalStateException("dataconnector:callback needs camel-platform-http (and a platform-http"
                                            + " server: camel-platform-http-main, or the port option with"
                                            + " camel-platform-http-vertx) on the classpath", e);
        }
    }

    static String path(String path) {
        String trimmed = path == null || path.isBlank() ? DataConnectorConfiguration.DEFAULT_CALLBACK_PATH : path.trim();
        return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheck != null) {
            healthCheck.unregister();
            healthCheck = null;
        }
        ServiceHelper.stopService(httpConsumer);
        httpConsumer = null;
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(executor);
            executor = null;
        }
        super.doStop();
        if (ownsRepository) {
            ServiceHelper.stopService(repository);
            repository = null;
        }
    }

    private void handleCallback(String jobId, String requestId) {
        try {
            processCallback(jobId, requestId);
        } finally {
            callbacksHandled.incrementAndGet();
        }
    }

    /** Confirms the announced job with the API and, when it is one to process and not yet claimed, emits it. */
    private void processCallback(String jobId, String requestId) {
        DataConnectorConfiguration config = getEndpoint().getConfiguration();
        Job job;
        try {
            job = getEndpoint().getClient().getJob(config.getAccountId(), jobId);
        } catch (RuntimeException e) {
            getExceptionHandler().handleException("Callback for job " + jobId + ": cannot confirm it with the API; the"
                                                  + " jobs consumer picks it up", e);
            return;
        }
        if (!CallbackConfirmation.confirmed(jobId, job, requestId, completionStatuses)) {
            return;
        }
        if (!claim(jobId)) {
            LOG.debug("Callback for job {}: already claimed (by the jobs consumer or an earlier callback); skipped",
                    jobId);
            return;
        }
        Exchange exchange = createExchange(job, config.getAccountId());
        jobsEmitted.incrementAndGet();
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Throwable failure = exchange.getException();
        release(jobId, failure == null);
        if (failure != null) {
            // the route's error handler has reported it already
            LOG.info("Callback for job {}: processing failed ({}: {}); released for the jobs consumer to retry", jobId,
                    failure.getClass().getSimpleName(), failure.getMessage());
        }
        releaseExchange(exchange, false);
    }

    private boolean claim(String jobId) {
        try {
            return repository.add(jobId);
        } catch (RuntimeException e) {
            // a JDBC repository answers a concurrent insert of the same id with a duplicate-key error
            LOG.debug("Callback for job {}: could not be claimed (claimed concurrently elsewhere?): {}", jobId,
                    e.getMessage());
            return false;
        }
    }

    /** Keeps a processed job's claim; releases a failed one's so the jobs consumer retries it. */
    private void release(String jobId, boolean processed) {
        try {
            if (processed) {
                repository.confirm(jobId);
            } else {
                repository.remove(jobId);
            }
        } catch (RuntimeException e) {
            getExceptionHandler().handleException("Callback for job " + jobId + ": updating the idempotent repository"
                                                  + " failed", e);
        }
    }

    private Exchange createExchange(Job job, String accountId) {
        Exchange exchange = createExchange(false);
        Message message = exchange.getMessage();
        message.setBody(job);
        message.setHeader(DataConnectorConstants.JOB_ID, job.getId());
        message.setHeader(DataConnectorConstants.REQUEST_ID, job.getRequestId());
        message.setHeader(DataConnectorConstants.ACCOUNT_ID, job.getAccountId() != null ? job.getAccountId() : accountId);
        message.setHeader(DataConnectorConstants.COMPLETION_STATUS, job.getCompletionStatus());
        message.setHeader(DataConnectorConstants.ATTEMPT, 1);
        return exchange;
    }

    /** Callbacks authenticated, well-formed and handed over for confirmation so far. */
    public long getCallbacksAccepted() {
        return callbacksAccepted.get();
    }

    /** Accepted callbacks whose handling has finished (emitted, ignored, duplicate or failed). */
    public long getCallbacksHandled() {
        return callbacksHandled.get();
    }

    /** Jobs confirmed, claimed and emitted as exchanges so far. */
    public long getJobsEmitted() {
        return jobsEmitted.get();
    }

    /** The repository in use (the configured one, or the one created for the dataSource option). */
    public IdempotentRepository getIdempotentRepository() {
        return repository;
    }
}
