package io.dataconnector.camel.component;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import io.dataconnector.camel.component.model.DataRequest;
import io.dataconnector.camel.component.model.Job;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ready receiver of the Data Connector job-completion callback (the POST the API sends to a data request's
 * {@code callbackUrl}: {@code {accountId, requestId, jobId, state, success}}), the push companion of
 * {@code from("dataconnector:jobs")}.
 * <p>
 * Two routes:
 * <ol>
 * <li>{@code <routeIdPrefix>-http}: {@code platform-http:<path>} (POST only). Authenticates the call with the shared
 * secret carried in the callback URL's query ({@code ?secret=...}) or the {@code X-DataConnector-Secret} header
 * (compared in constant time; 401 otherwise, logged without the secret), limits the body ({@code maxBodySize}, 413),
 * parses it (400 when it is not a callback) and answers 202 at once, handing the job id to the second route.</li>
 * <li>{@code <routeIdPrefix>-process}: fetches the job ({@code dataconnector:getJob}) to confirm it really is complete
 * with an accepted completion status, and sends it, with the same body and headers the consumer emits, to
 * {@code target} through Camel's idempotent consumer on the given repository (eager claim, removed on failure). Give
 * it the repository of the {@code dataconnector:jobs} consumer that feeds the same {@code target}, and a job seen by
 * both is processed once. A job whose callback processing failed is retried by the poller.</li>
 * </ol>
 * The platform-http server is the application's (e.g. Camel Main with {@code camel.server.enabled=true}); set
 * {@link #port(int)} to have this builder start a Vert.x platform-http server (camel-platform-http-vertx) instead.
 */
public class DataConnectorCallbackRouteBuilder extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(DataConnectorCallbackRouteBuilder.class);

    public static final String DEFAULT_PATH = "/dataconnector/callback";
    public static final String DEFAULT_SECRET_PARAMETER = "secret";
    public static final String SECRET_HEADER = "X-DataConnector-Secret";
    public static final int DEFAULT_MAX_BODY_SIZE = 16 * 1024;

    static final String ACCEPTED = "CamelDataConnectorCallbackAccepted";
    static final String CONFIRMED = "CamelDataConnectorCallbackConfirmed";

    private String path = DEFAULT_PATH;
    private String secret;
    private String secretParameter = DEFAULT_SECRET_PARAMETER;
    private String target;
    private IdempotentRepository idempotentRepository;
    private DataSource dataSource;
    private String processorName = DataConnectorConfiguration.DEFAULT_PROCESSOR_NAME;
    private String completionStatuses = DataConnectorConfiguration.DEFAULT_COMPLETION_STATUSES;
    private String getJobUri = "dataconnector:getJob";
    private String routeIdPrefix = "dataconnector-callback";
    private int maxBodySize = DEFAULT_MAX_BODY_SIZE;
    private Integer port;
    private String host = "0.0.0.0";

    public DataConnectorCallbackRouteBuilder() {
    }

    /**
     * @param secret the shared secret the callback URL carries
     * @param target the endpoint that processes a completed job, e.g. {@code direct:completedJob} (the same one the
     *               jobs consumer feeds)
     */
    public DataConnectorCallbackRouteBuilder(String secret, String target) {
        this.secret = secret;
        this.target = target;
    }

    @Override
    public void configure() throws Exception {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("The Data Connector callback receiver needs a secret");
        }
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("The Data Connector callback receiver needs a target endpoint");
        }
        String secret = getContext().resolvePropertyPlaceholders(this.secret);
        IdempotentRepository repository = repository();
        Set<String> statuses = DataConnectorJobsConsumer.parseCompletionStatuses(completionStatuses);
        if (port != null) {
            VertxCallbackServer.ensureStarted(getContext(), host, port, maxBodySize);
        }
        String processUri = "direct:" + routeIdPrefix + "-process";

        from("platform-http:" + path + "?httpMethodRestrict=POST")
                .routeId(routeIdPrefix + "-http")
                .process(new CallbackRequestProcessor(secret, secretParameter, maxBodySize, path))
                .filter(exchangeProperty(ACCEPTED).isEqualTo(true))
                    .wireTap(processUri)
                    .setBody(constant("{\"status\":\"accepted\"}"))
                .end();

        from(processUri)
                .routeId(routeIdPrefix + "-process")
                .to(getJobUri)
                .process(exchange -> confirm(exchange, statuses))
                .filter(exchangeProperty(CONFIRMED).isEqualTo(true))
                    .idempotentConsumer(header(DataConnectorConstants.JOB_ID))
                        .idempotentRepository(repository)
                        .eager(true)
                        .removeOnFailure(true)
                        .skipDuplicate(true)
                        .to(target)
                    .end()
                .end();
    }

    private IdempotentRepository repository() {
        if (idempotentRepository != null) {
            return idempotentRepository;
        }
        if (dataSource != null) {
            return JdbcIdempotentRepositories.create(dataSource, processorName);
        }
        throw new IllegalArgumentException("The Data Connector callback receiver needs the idempotent repository of the"
                                           + " jobs consumer (idempotentRepository(...)) or its dataSource");
    }

    /** The fetched job must be complete with an accepted status; it then looks exactly like a consumed job. */
    private static void confirm(Exchange exchange, Set<String> statuses) {
        Job job = exchange.getMessage().getBody(Job.class);
        String expectedRequestId = exchange.getMessage().getHeader(DataConnectorConstants.REQUEST_ID, String.class);
        if (job == null) {
            LOG.warn("Callback for job {}: the API returned no job; ignored",
                    exchange.getMessage().getHeader(DataConnectorConstants.JOB_ID));
            return;
        }
        if (expectedRequestId != null && job.getRequestId() != null && !expectedRequestId.equals(job.getRequestId())) {
            LOG.warn("Callback for job {} names request {} but the job belongs to request {}; ignored", job.getId(),
                    expectedRequestId, job.getRequestId());
            return;
        }
        if (!job.isComplete()) {
            LOG.info("Callback for job {}: the API reports it {}, not complete; ignored (the poller picks it up)",
                    job.getId(), job.getStatus());
            return;
        }
        String status = job.getCompletionStatus() == null ? "" : job.getCompletionStatus().toLowerCase(Locale.ROOT);
        if (!statuses.contains(status)) {
            LOG.info("Callback for job {}: completion status {} is not one of {}; ignored", job.getId(),
                    job.getCompletionStatus(), statuses);
            return;
        }
        var message = exchange.getMessage();
        message.setHeader(DataConnectorConstants.JOB_ID, job.getId());
        message.setHeader(DataConnectorConstants.REQUEST_ID, job.getRequestId());
        if (job.getAccountId() != null) {
            message.setHeader(DataConnectorConstants.ACCOUNT_ID, job.getAccountId());
        }
        message.setHeader(DataConnectorConstants.COMPLETION_STATUS, job.getCompletionStatus());
        message.setHeader(DataConnectorConstants.ATTEMPT, 1);
        exchange.setProperty(CONFIRMED, true);
    }

    // --- helpers for the data request -------------------------------------------------------------------------------

    /**
     * The callback URL to put in a data request: {@code publicBaseUrl + path + "?secret=..."}.
     *
     * @param publicBaseUrl how the API reaches this receiver, e.g. {@code https://etl.example.com}
     */
    public String callbackUrl(String publicBaseUrl) {
        String secret = getContext() != null ? getContext().resolvePropertyPlaceholders(this.secret) : this.secret;
        String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
        return base + path + "?" + secretParameter + "=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    }

    /**
     * Sets the callback URL of this receiver on a data request, to be created with {@code dataconnector:createRequest}
     * (e.g. a recurring one: scheduleInterval DAY/WEEK/MONTH/YEAR, reoccuringInterval, effectiveFrom/To).
     */
    public DataRequest withCallback(DataRequest request, String publicBaseUrl) {
        request.setCallbackUrl(callbackUrl(publicBaseUrl));
        return request;
    }

    // --- fluent configuration ---------------------------------------------------------------------------------------

    /** The HTTP path (default {@value #DEFAULT_PATH}). */
    public DataConnectorCallbackRouteBuilder path(String path) {
        this.path = path.startsWith("/") ? path : "/" + path;
        return this;
    }

    /** The shared secret the callback URL carries (required). */
    public DataConnectorCallbackRouteBuilder secret(String secret) {
        this.secret = secret;
        return this;
    }

    /** The query parameter carrying the secret (default {@value #DEFAULT_SECRET_PARAMETER}). */
    public DataConnectorCallbackRouteBuilder secretParameter(String secretParameter) {
        this.secretParameter = secretParameter;
        return this;
    }

    /** The endpoint that processes a confirmed job, the same one the jobs consumer feeds (required). */
    public DataConnectorCallbackRouteBuilder target(String target) {
        this.target = target;
        return this;
    }

    /** The idempotent repository shared with the jobs consumer. */
    public DataConnectorCallbackRouteBuilder idempotentRepository(IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
        return this;
    }

    /**
     * Instead of a repository: the DataSource given to the jobs consumer's dataSource option (a camel-sql
     * JdbcMessageIdRepository with the same processor name, so both see the same rows).
     */
    public DataConnectorCallbackRouteBuilder dataSource(DataSource dataSource) {
        this.dataSource = dataSource;
        return this;
    }

    /** The processor name with {@link #dataSource(DataSource)} (default the consumer's, dataconnector-jobs). */
    public DataConnectorCallbackRouteBuilder processorName(String processorName) {
        this.processorName = processorName;
        return this;
    }

    /** Comma separated completion statuses that are processed (default success), as on the consumer. */
    public DataConnectorCallbackRouteBuilder completionStatuses(String completionStatuses) {
        this.completionStatuses = completionStatuses;
        return this;
    }

    /** The endpoint used to fetch the job (default {@code dataconnector:getJob}; add options such as accountId). */
    public DataConnectorCallbackRouteBuilder getJobUri(String getJobUri) {
        this.getJobUri = getJobUri;
        return this;
    }

    /** Prefix of the two route ids (default dataconnector-callback). */
    public DataConnectorCallbackRouteBuilder routeIdPrefix(String routeIdPrefix) {
        this.routeIdPrefix = routeIdPrefix;
        return this;
    }

    /** Largest accepted body in bytes (default 16 KB); larger ones are answered 413. */
    public DataConnectorCallbackRouteBuilder maxBodySize(int maxBodySize) {
        this.maxBodySize = maxBodySize;
        return this;
    }

    /**
     * Start a Vert.x platform-http server on this port unless the CamelContext already has one (needs
     * camel-platform-http-vertx).
     */
    public DataConnectorCallbackRouteBuilder port(int port) {
        this.port = port;
        return this;
    }

    /** Bind host of the server started by {@link #port(int)} (default 0.0.0.0). */
    public DataConnectorCallbackRouteBuilder host(String host) {
        this.host = host;
        return this;
    }

    public String getPath() {
        return path;
    }
}
