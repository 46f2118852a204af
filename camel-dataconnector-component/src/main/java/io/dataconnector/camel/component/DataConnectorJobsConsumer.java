package io.dataconnector.camel.component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.dataconnector.camel.component.api.DataConnectorClient;
import io.dataconnector.camel.component.api.ListQuery;
import io.dataconnector.camel.component.model.Job;
import io.dataconnector.camel.component.model.Page;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The completed-job consumer ({@code from("dataconnector:jobs")}). Each poll lists the account's jobs newest first,
 * page by page, until it reaches the look-back horizon, and emits one exchange (body: the {@link Job}) per job that is
 * complete with an accepted completion status and not yet in the idempotent repository, oldest first.
 * <p>
 * Exactly-once: a job id is <em>claimed</em> by adding it to the repository just before its exchange is processed
 * (an insert that loses to another consumer or to the callback receiver means "skip"); it is removed again when the
 * exchange fails, so the next poll retries it, and kept when the exchange succeeds. After {@code maxAttempts} failed
 * attempts the job is logged at WARN and kept in the repository (skipped).
 * <p>
 * Failures outside an exchange (a poll that cannot list jobs, an idempotent repository that fails) go to
 * {@link #getExceptionHandler()}: logged by default, or, with {@code bridgeErrorHandler=true}, handed to the route's
 * error handler as an exchange carrying the exception.
 */
public class DataConnectorJobsConsumer extends ScheduledBatchPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(DataConnectorJobsConsumer.class);
    private static final int MAX_PAGES_PER_POLL = 1000;

    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> failedAttempts = new ConcurrentHashMap<>();
    private Set<String> completionStatuses;
    private IdempotentRepository repository;
    private boolean ownsRepository;
    private Clock clock = Clock.systemUTC();
    private HealthCheckRegistration healthCheck;
    private volatile Instant lastPollAt;
    private volatile Throwable lastPollError;
    private HealthCheckRegistration pollHealthCheck;
    private final java.util.concurrent.atomic.AtomicLong jobsSeen = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong jobsClaimed = new java.util.concurrent.atomic.AtomicLong();

    public DataConnectorJobsConsumer(DataConnectorEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public DataConnectorEndpoint getEndpoint() {
        return (DataConnectorEndpoint) super.getEndpoint();
    }

    private DataConnectorConfiguration configuration() {
        return getEndpoint().getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        DataConnectorConfiguration config = configuration();
        if (config.getAccountId() == null || config.getAccountId().isBlank()) {
            throw new IllegalArgumentException("dataconnector:jobs needs the accountId option");
        }
        completionStatuses = parseCompletionStatuses(config.getCompletionStatuses());
        if (config.getMaxAttempts() < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + config.getMaxAttempts());
        }
        if (config.getPageSize() < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, was " + config.getPageSize());
        }
        JobClaimRepository claims = JobClaimRepository.of(config, "dataconnector:jobs");
        repository = claims.repository();
        ownsRepository = claims.owned();
        ServiceHelper.startService(repository);
        super.doStart();
        healthCheck = HealthCheckRegistration.register(getEndpoint().getCamelContext(),
                new DataConnectorApiHealthCheck(getEndpoint(), "dataconnector-consumer-" + getRouteId()),
                getEndpoint().getComponent().isHealthCheckConsumerEnabled());
        pollHealthCheck = HealthCheckRegistration.register(getEndpoint().getCamelContext(),
                new JobsConsumerPollHealthCheck(this, "dataconnector-poll-" + getRouteId()),
                getEndpoint().getComponent().isHealthCheckConsumerEnabled());
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheck != null) {
            healthCheck.unregister();
            healthCheck = null;
        }
        if (pollHealthCheck != null) {
            pollHealthCheck.unregister();
            pollHealthCheck = null;
        }
        super.doStop();
        if (ownsRepository) {
            ServiceHelper.stopService(repository);
            repository = null;
        }
    }

    static Set<String> parseCompletionStatuses(String text) {
        Set<String> known = Set.of(Job.COMPLETION_SUCCESS, Job.COMPLETION_FAILED, Job.COMPLETION_CANCELLED);
        Set<String> statuses = Arrays.stream(text == null ? new String[0] : text.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        if (statuses.isEmpty() || !known.containsAll(statuses)) {
            throw new IllegalArgumentException("completionStatuses must list one or more of " + known + ", was '"
                                               + text + "'");
        }
        return Set.copyOf(statuses);
    }

    // --- polling ----------------------------------------------------------------------------------------------------

    @Override
    protected int poll() throws Exception {
        lastPollAt = clock.instant();
        List<Job> eligible;
        try {
            eligible = eligibleJobs();
            lastPollError = null;
        } catch (RuntimeException e) {
            lastPollError = e;
            throw e;
        }
        jobsSeen.addAndGet(eligible.size());
        int max = getMaxMessagesPerPoll();
        if (max > 0 && eligible.size() > max) {
            LOG.debug("{} eligible job(s); emitting the oldest {} (maxMessagesPerPoll)", eligible.size(), max);
            eligible = eligible.subList(0, max);
        }
        Queue<Object> batch = new java.util.ArrayDeque<>(eligible);
        return processBatch(batch);
    }

    /** Complete jobs with an accepted completion status, within the look-back, not yet processed; oldest first. */
    private List<Job> eligibleJobs() {
        DataConnectorConfiguration config = configuration();
        DataConnectorClient client = getEndpoint().getClient();
        String accountId = config.getAccountId();
        String requestId = config.getRequestId();
        Instant horizon = clock.instant().minusMillis(config.getLookBack());

        Map<String, String> filters = new LinkedHashMap<>();
        if (requestId == null) {
            // narrows the listing where the API supports it; the same checks are repeated below
            filters.put("status", Job.STATUS_COMPLETE);
        }
        ListQuery query = new ListQuery("desc", null, config.getPageSize(), 0, requestId == null ? config.getProjectId() : null,
                filters);

        Map<String, Job> eligible = new LinkedHashMap<>();
        int offset = 0;
        int pages = 0;
        boolean horizonReached = false;
        while (pages < MAX_PAGES_PER_POLL && isRunAllowed()) {
            ListQuery pageQuery = query.withOffset(offset);
            Page<Job> page = requestId == null
                    ? client.listJobs(accountId, pageQuery)
                    : client.listRequestJobs(accountId, requestId, pageQuery);
            pages++;
            List<Job> results = page.getResults();
            for (Job job : results) {
                if (job.getCreatedAt() != null && job.getCreatedAt().isBefore(horizon)) {
                    horizonReached = true;
                } else if (isEligible(job)) {
                    eligible.putIfAbsent(job.getId(), job);
                }
            }
            offset += results.size();
            if (horizonReached || !page.hasMore()) {
                break;
            }
        }
        LOG.debug("Poll of account {} read {} page(s) (horizon {}{}): {} eligible job(s)", accountId, pages, horizon,
                horizonReached ? " reached" : " not reached", eligible.size());
        List<Job> jobs = new ArrayList<>(eligible.values());
        jobs.sort(Comparator.comparing(Job::getCreatedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
        return jobs;
    }

    private boolean isEligible(Job job) {
        if (job.getId() == null || !job.isComplete() || job.getCompletionStatus() == null
                || !completionStatuses.contains(job.getCompletionStatus().toLowerCase(Locale.ROOT))) {
            return false;
        }
        String projectId = configuration().getProjectId();
        if (projectId != null && configuration().getRequestId() != null && !projectId.equals(job.getProjectId())
                && (job.getProjectIdList() == null || !job.getProjectIdList().contains(projectId))) {
            return false;
        }
        if (inFlight.contains(job.getId())) {
            return false;
        }
        try {
            return !repository.contains(job.getId());
        } catch (RuntimeException e) {
            getExceptionHandler().handleException("Cannot check job " + job.getId()
                                                  + " in the idempotent repository; it is not emitted this poll", e);
            return false;
        }
    }

    @Override
    public int processBatch(Queue<Object> jobs) throws Exception {
        int total = jobs.size();
        int emitted = 0;
        for (int index = 0; index < total && isBatchAllowed(); index++) {
            Job job = (Job) jobs.poll();
            pendingExchanges = total - index - 1;
            if (!claim(job.getId())) {
                LOG.debug("Job {} is claimed by another consumer or already processed; skipped", job.getId());
                continue;
            }
            jobsClaimed.incrementAndGet();
            Exchange exchange = createExchange(job);
            exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
            exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, total);
            exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, index == total - 1);
            exchange.getExchangeExtension().addOnCompletion(new JobCompletion(job));
            emitted++;
            getAsyncProcessor().process(exchange, doneSync -> LOG.trace("Processing job {} done", job.getId()));
        }
        pendingExchanges = 0;
        return emitted;
    }

    private Exchange createExchange(Job job) {
        Exchange exchange = createExchange(true);
        Message message = exchange.getMessage();
        message.setBody(job);
        message.setHeader(DataConnectorConstants.JOB_ID, job.getId());
        message.setHeader(DataConnectorConstants.REQUEST_ID, job.getRequestId());
        message.setHeader(DataConnectorConstants.ACCOUNT_ID,
                job.getAccountId() != null ? job.getAccountId() : configuration().getAccountId());
        message.setHeader(DataConnectorConstants.COMPLETION_STATUS, job.getCompletionStatus());
        message.setHeader(DataConnectorConstants.ATTEMPT, failedAttempts.getOrDefault(job.getId(), 0) + 1);
        return exchange;
    }

    // --- claims -----------------------------------------------------------------------------------------------------

    /** Adds the job id to the repository; false when it is already there (or the insert lost a race). */
    private boolean claim(String jobId) {
        if (!inFlight.add(jobId)) {
            return false;
        }
        boolean claimed;
        try {
            claimed = repository.add(jobId);
        } catch (RuntimeException e) {
            // a JDBC repository answers a concurrent insert of the same id with a duplicate-key error
            LOG.debug("Job {} could not be claimed (claimed concurrently elsewhere?): {}", jobId, e.getMessage());
            claimed = false;
        }
        if (!claimed) {
            inFlight.remove(jobId);
        }
        return claimed;
    }

    private final class JobCompletion implements Synchronization {
        private final Job job;

        JobCompletion(Job job) {
            this.job = job;
        }

        @Override
        public void onComplete(Exchange exchange) {
            String jobId = job.getId();
            try {
                repository.confirm(jobId);
                failedAttempts.remove(jobId);
                LOG.debug("Job {} processed; it stays marked in the idempotent repository", jobId);
            } catch (RuntimeException e) {
                getExceptionHandler().handleException("Job " + jobId + " was processed but confirming it in the"
                                                      + " idempotent repository failed", e);
            } finally {
                inFlight.remove(jobId);
            }
        }

        @Override
        public void onFailure(Exchange exchange) {
            String jobId = job.getId();
            int maxAttempts = configuration().getMaxAttempts();
            int attempts = failedAttempts.merge(jobId, 1, Integer::sum);
            Throwable cause = exchange.getException();
            String reason = cause == null ? "exchange failed" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            try {
                if (attempts >= maxAttempts) {
                    LOG.warn("Job {} (request {}, completion status {}) failed {} time(s) (maxAttempts={}); giving up:"
                             + " it stays marked in the idempotent repository and is not emitted again. Last error: {}",
                            jobId, job.getRequestId(), job.getCompletionStatus(), attempts, maxAttempts, reason);
                    repository.confirm(jobId);
                    failedAttempts.remove(jobId);
                } else {
                    LOG.info("Job {} failed (attempt {} of {}); it is emitted again on the next poll. Error: {}", jobId,
                            attempts, maxAttempts, reason);
                    repository.remove(jobId);
                }
            } catch (RuntimeException e) {
                getExceptionHandler().handleException("Job " + jobId + ": updating the idempotent repository after a"
                                                      + " failed exchange failed", e);
            } finally {
                inFlight.remove(jobId);
            }
        }
    }

    // --- for tests and management -----------------------------------------------------------------------------------

    /** The repository in use (the configured one, or the one created for the dataSource option). */
    public IdempotentRepository getIdempotentRepository() {
        return repository;
    }

    /** Failed attempts so far per job id (jobs that have not yet succeeded nor reached maxAttempts). */
    public Map<String, Integer> getFailedAttempts() {
        return Map.copyOf(failedAttempts);
    }

    /** When the last poll started, or null before the first. */
    public Instant getLastPollAt() {
        return lastPollAt;
    }

    /** The error of the last poll (listing the jobs), or null when it succeeded or none ran yet. */
    public Throwable getLastPollError() {
        return lastPollError;
    }

    /** Eligible jobs (complete, accepted status, not yet processed) found by the polls so far. */
    public long getJobsSeen() {
        return jobsSeen.get();
    }

    /** Jobs claimed in the idempotent repository and emitted as exchanges so far. */
    public long getJobsClaimed() {
        return jobsClaimed.get();
    }

    /** The clock that places the look-back horizon (the system UTC clock by default). */
    public void setClock(Clock clock) {
        this.clock = clock;
    }
}
