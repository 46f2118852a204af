package io.dataconnector.camel.component;

import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.dataconnector.camel.component.auth.TokenProvider;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * Options of a Data Connector endpoint. Set once on the component ({@code camel.component.dataconnector.*}) and copied
 * to every endpoint, or per endpoint in its URI.
 */
@UriParams
public class DataConnectorConfiguration implements Cloneable {

    public static final String DEFAULT_BASE_URL = "https://developer.api.autodesk.com";
    public static final String DEFAULT_COMPLETION_STATUSES = "success";
    public static final long DEFAULT_LOOK_BACK = 7L * 24 * 60 * 60 * 1000;
    public static final String DEFAULT_PROCESSOR_NAME = "dataconnector-jobs";
    public static final String DEFAULT_CALLBACK_PATH = "/dataconnector/callback";
    public static final int DEFAULT_CALLBACK_MAX_BODY_SIZE = 16 * 1024;

    @UriPath(description = "The operation to perform (producer), or `jobs` / `callback` for the completed-job consumers"
                           + " (polling / push). Checked when"
                           + " the endpoint is created: an unknown name fails the route's start, listing the valid ones.")
    @Metadata(required = true)
    private DataConnectorOperation operation;

    @UriParam(description = "The account id (the ACC / BIM 360 hub id without its `b.` prefix).")
    @Metadata(required = true)
    private String accountId;

    @UriParam(defaultValue = DEFAULT_BASE_URL,
              description = "The API host root. `/data-connector/v1/...` and `/authentication/v2/token` are appended,"
                            + " so a proxy or the simulator can stand in.")
    private String baseUrl = DEFAULT_BASE_URL;

    // --- authentication -------------------------------------------------------------------------------------------

    @UriParam(label = "security", secret = true,
              description = "A static bearer access token. Used when no refresh token or service account is configured.")
    private String accessToken;

    @UriParam(label = "security", secret = true, description = "The APS application client id.")
    private String clientId;

    @UriParam(label = "security", secret = true, description = "The APS application client secret.")
    private String clientSecret;

    @UriParam(label = "security", secret = true,
              description = "A 3-legged refresh token. The component refreshes the access token ahead of expiry and"
                            + " persists each rotated refresh token in the tokenStore.")
    private String refreshToken;

    @UriParam(label = "security",
              description = "Path of the file where the rotated refresh token is persisted (written atomically). When the"
                            + " file exists its token wins over the refreshToken option, so a restart uses the newest one.")
    private String tokenStore;

    @UriParam(label = "security", description = "Secure Service Account id (the JWT subject).")
    private String serviceAccountId;

    @UriParam(label = "security", description = "Secure Service Account key id (the JWT `kid`).")
    private String serviceAccountKeyId;

    @UriParam(label = "security",
              description = "Path of the PEM (PKCS#8) RSA private key of the Secure Service Account.")
    private String serviceAccountPrivateKeyFile;

    @UriParam(label = "security", defaultValue = "data:read data:write data:create",
              description = "OAuth scopes requested when a token is obtained (space separated).")
    private String scopes = "data:read data:write data:create";

    @UriParam(label = "security,advanced",
              description = "A custom TokenProvider to use instead of the built-in ones.")
    private TokenProvider tokenProvider;

    @UriParam(label = "security",
              description = "TLS settings (trust store, key store, protocols) for the API, the token endpoint and the"
                            + " storage host. Without it the JVM's default trust store is used; certificates are always"
                            + " verified.")
    private SSLContextParameters sslContextParameters;

    // --- ids --------------------------------------------------------------------------------------------------------

    @UriParam(description = "The data request id (header CamelDataConnectorRequestId wins). On the jobs consumer: emit"
                            + " only the jobs of this data request.")
    private String requestId;

    @UriParam(label = "producer", description = "The job id (header CamelDataConnectorJobId wins).")
    private String jobId;

    @UriParam(label = "producer", description = "The extract file name (header CamelDataConnectorFileName wins).")
    private String fileName;

    @UriParam(description = "Restrict jobs to one project id (header CamelDataConnectorProjectId wins). On the jobs"
                            + " consumer: emit only the jobs of this project.")
    private String projectId;

    // --- listing ----------------------------------------------------------------------------------------------------

    @UriParam(label = "producer", enums = "asc,desc", description = "Sort order by date: asc or desc.")
    private String sort;

    @UriParam(label = "producer",
              description = "Comma separated sort fields; prefix a field with `-` to sort it descending.")
    private String sortFields;

    @UriParam(label = "producer", description = "Page size (the API defaults to 20 and may cap it).")
    private Integer limit;

    @UriParam(label = "producer", description = "Number of results to skip.")
    private Integer offset;

    @UriParam(label = "producer", defaultValue = "false",
              description = "Follow offset/limit until all totalResults are read and return them all.")
    private boolean paginate;

    @UriParam(label = "producer", prefix = "filter.", multiValue = true,
              description = "API filters: `filter.status=complete` is sent as `filter[status]=complete`.")
    private Map<String, Object> filter = new HashMap<>();

    // --- consumer (dataconnector:jobs) ----------------------------------------------------------------------------

    @UriParam(label = "consumer", defaultValue = DEFAULT_COMPLETION_STATUSES,
              description = "Comma separated completion statuses a complete job must have to be emitted: any of success,"
                            + " failed, cancelled.")
    private String completionStatuses = DEFAULT_COMPLETION_STATUSES;

    @UriParam(label = "consumer", defaultValue = "604800000", javaType = "java.time.Duration",
              description = "How far back (by job creation time) the consumer looks for completed jobs; default 7 days."
                            + " Jobs are listed newest first and paging stops at the first job older than this, so a"
                            + " poll costs one call per page of recent jobs.")
    private long lookBack = DEFAULT_LOOK_BACK;

    @UriParam(label = "consumer", defaultValue = "100",
              description = "Page size of the job listing the consumer reads (the API may cap it).")
    private int pageSize = 100;

    @UriParam(label = "consumer", defaultValue = "0",
              description = "Maximum number of jobs emitted per poll (0 = no limit). The oldest eligible jobs go first;"
                            + " the rest follow on the next polls.")
    private int maxMessagesPerPoll;

    @UriParam(label = "consumer", defaultValue = "3",
              description = "How many times a job whose exchange failed is emitted again (one attempt per poll) before"
                            + " the consumer logs a WARN naming it and marks it as done (skipped).")
    private int maxAttempts = 3;

    @UriParam(label = "consumer",
              description = "The repository that makes the consumer emit every job once (required unless dataSource is"
                            + " set). A job id is claimed (added) before its exchange is processed, removed again if the"
                            + " exchange fails, and stays when it succeeds. Use a durable, shared one in production"
                            + " (e.g. camel-sql's JdbcMessageIdRepository); opt in to memory only explicitly, e.g."
                            + " `#class:org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository`.")
    private IdempotentRepository idempotentRepository;

    @UriParam(label = "consumer",
              description = "A JDBC DataSource (e.g. the warehouse database) in which the consumer keeps its idempotent"
                            + " repository, when no idempotentRepository is given: a camel-sql JdbcMessageIdRepository"
                            + " on table CAMEL_MESSAGEPROCESSED (created if missing). Needs camel-sql on the classpath.")
    private DataSource dataSource;

    @UriParam(label = "consumer", defaultValue = DEFAULT_PROCESSOR_NAME,
              description = "The processor name under which the repository created for dataSource stores job ids."
                            + " Consumers (and callback receivers) that must agree share it.")
    private String processorName = DEFAULT_PROCESSOR_NAME;

    // --- callback consumer (dataconnector:callback) ------------------------------------------------------------------

    @UriParam(label = "consumer,security", secret = true,
              description = "dataconnector:callback: the shared secret the callback URL carries, as its query parameter"
                            + " `secret` (or the header `X-DataConnector-Secret`). Compared in constant time; a call"
                            + " without it is answered 401. Required.")
    private String secret;

    @UriParam(label = "consumer", defaultValue = DEFAULT_CALLBACK_PATH,
              description = "dataconnector:callback: the HTTP path the API POSTs job completions to.")
    private String path = DEFAULT_CALLBACK_PATH;

    @UriParam(label = "consumer",
              description = "dataconnector:callback: start a Vert.x platform-http server on this port (needs"
                            + " camel-platform-http-vertx) unless the application already runs one; without it the"
                            + " application's platform-http server (e.g. camel.server.enabled=true) is used.")
    private Integer port;

    @UriParam(label = "consumer", defaultValue = "0.0.0.0",
              description = "dataconnector:callback: bind address of the server started for the port option.")
    private String host = "0.0.0.0";

    @UriParam(label = "consumer", defaultValue = "16384",
              description = "dataconnector:callback: largest accepted body in bytes; a larger one is answered 413, also"
                            + " when it arrives chunked (the server started for port enforces it while reading; give the"
                            + " application's own server the same limit).")
    private int maxBodySize = DEFAULT_CALLBACK_MAX_BODY_SIZE;

    // --- HTTP -------------------------------------------------------------------------------------------------------

    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration",
              description = "Connect timeout in milliseconds, for the API, the token endpoint and the storage host a"
                            + " download reads from (one HTTP client per set of connection settings).")
    private long connectTimeout = 30000;

    @UriParam(label = "producer", defaultValue = "120000", javaType = "java.time.Duration",
              description = "downloadJobFile: the longest wait, in milliseconds, for the next bytes of the file while"
                            + " its body is read. A longer stall of the storage host drops the connection and fails the"
                            + " read with a DownloadStalledException (an IOException naming the file, never the signed"
                            + " URL). Only waiting counts, not a slow reader; a server that trickles bytes is not"
                            + " bounded by it. 0 waits without limit.")
    private long readTimeout = 120000;

    @UriParam(label = "advanced", defaultValue = "120000", javaType = "java.time.Duration",
              description = "Timeout for an API call's response, in milliseconds. A download may take longer: only"
                            + " waiting for its first byte is bounded by this.")
    private long requestTimeout = 120000;

    @UriParam(label = "advanced", defaultValue = "4",
              description = "How many times a call answered 429, 500, 502, 503 or 504 (or failing on I/O) is retried."
                            + " createRequest is never re-sent blindly after an ambiguous failure (500, 502, 504, or"
                            + " the connection lost once sent): the newest requests are searched for it first.")
    private int maxRetries = 4;

    @UriParam(label = "advanced", defaultValue = "1000", javaType = "java.time.Duration",
              description = "First back-off delay when the server gives no Retry-After; doubled on each retry.")
    private long retryDelay = 1000;

    @UriParam(label = "advanced", defaultValue = "60000", javaType = "java.time.Duration",
              description = "Upper bound of a single back-off wait. A Retry-After asking for longer fails the call at"
                            + " once (the error gives the status, the API text and the wait) instead of sleeping.")
    private long maxRetryDelay = 60000;

    @UriParam(label = "advanced", defaultValue = "60",
              description = "Client-side budget of API calls per minute (the API allows 60 per client id).")
    private int callsPerMinute = 60;

    @UriParam(label = "producer", defaultValue = "24",
              description = "Jobs the account may create per rolling 24 hours (the API's quota is 24). Before"
                            + " createRequest one page of the account's jobs is read (one API call) and the request is"
                            + " refused when it would spawn one job too many; 0 turns the check off.")
    private int dailyJobQuota = 24;

    @UriParam(label = "producer", defaultValue = "5000", javaType = "java.time.Duration",
              description = "downloadJobFile: while the file is read, an INFO line every this many milliseconds gives"
                            + " the bytes so far, the percent of the listed size, the rate and the ETA (never the signed"
                            + " URL); a download that ends sooner logs nothing. 0 turns it off.")
    private long progressInterval = 5000;

    @UriParam(label = "proxy", description = "HTTP proxy host.")
    private String proxyHost;

    @UriParam(label = "proxy", description = "HTTP proxy port.")
    private Integer proxyPort;

    public DataConnectorOperation getOperation() {
        return operation;
    }

    public void setOperation(DataConnectorOperation operation) {
        this.operation = operation;
    }

    public String getAccountId() {
        return accountId;
    }

    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getAccessToken() {
        return accessToken;
    }

    public void setAccessToken(String accessToken) {
        this.accessToken = accessToken;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getRefreshToken() {
        return refreshToken;
    }

    public void setRefreshToken(String refreshToken) {
        this.refreshToken = refreshToken;
    }

    public String getTokenStore() {
        return tokenStore;
    }

    public void setTokenStore(String tokenStore) {
        this.tokenStore = tokenStore;
    }

    public String getServiceAccountId() {
        return serviceAccountId;
    }

    public void setServiceAccountId(String serviceAccountId) {
        this.serviceAccountId = serviceAccountId;
    }

    public String getServiceAccountKeyId() {
        return serviceAccountKeyId;
    }

    public void setServiceAccountKeyId(String serviceAccountKeyId) {
        this.serviceAccountKeyId = serviceAccountKeyId;
    }

    public String getServiceAccountPrivateKeyFile() {
        return serviceAccountPrivateKeyFile;
    }

    public void setServiceAccountPrivateKeyFile(String serviceAccountPrivateKeyFile) {
        this.serviceAccountPrivateKeyFile = serviceAccountPrivateKeyFile;
    }

    public String getScopes() {
        return scopes;
    }

    public void setScopes(String scopes) {
        this.scopes = scopes;
    }

    public TokenProvider getTokenProvider() {
        return tokenProvider;
    }

    public void setTokenProvider(TokenProvider tokenProvider) {
        this.tokenProvider = tokenProvider;
    }

    public String getRequestId() {
        return requestId;
    }

    public void setRequestId(String requestId) {
        this.requestId = requestId;
    }

    public String getJobId() {
        return jobId;
    }

    public void setJobId(String jobId) {
        this.jobId = jobId;
    }

    public String getFileName() {
        return fileName;
    }

    public void setFileName(String fileName) {
        this.fileName = fileName;
    }

    public String getProjectId() {
        return projectId;
    }

    public void setProjectId(String projectId) {
        this.projectId = projectId;
    }

    public String getSort() {
        return sort;
    }

    public void setSort(String sort) {
        this.sort = sort;
    }

    public String getSortFields() {
        return sortFields;
    }

    public void setSortFields(String sortFields) {
        this.sortFields = sortFields;
    }

    public Integer getLimit() {
        return limit;
    }

    public void setLimit(Integer limit) {
        this.limit = limit;
    }

    public Integer getOffset() {
        return offset;
    }

    public void setOffset(Integer offset) {
        this.offset = offset;
    }

    public boolean isPaginate() {
        return paginate;
    }

    public void setPaginate(boolean paginate) {
        this.paginate = paginate;
    }

    public Map<String, Object> getFilter() {
        return filter;
    }

    public void setFilter(Map<String, Object> filter) {
        this.filter = filter;
    }

    public String getCompletionStatuses() {
        return completionStatuses;
    }

    public void setCompletionStatuses(String completionStatuses) {
        this.completionStatuses = completionStatuses;
    }

    public long getLookBack() {
        return lookBack;
    }

    public void setLookBack(long lookBack) {
        this.lookBack = lookBack;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public String getProcessorName() {
        return processorName;
    }

    public void setProcessorName(String processorName) {
        this.processorName = processorName;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(long readTimeout) {
        this.readTimeout = readTimeout;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    public long getMaxRetryDelay() {
        return maxRetryDelay;
    }

    public void setMaxRetryDelay(long maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    public int getCallsPerMinute() {
        return callsPerMinute;
    }

    public void setCallsPerMinute(int callsPerMinute) {
        this.callsPerMinute = callsPerMinute;
    }

    public int getDailyJobQuota() {
        return dailyJobQuota;
    }

    public void setDailyJobQuota(int dailyJobQuota) {
        this.dailyJobQuota = dailyJobQuota;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(int maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public long getProgressInterval() {
        return progressInterval;
    }

    public void setProgressInterval(long progressInterval) {
        this.progressInterval = progressInterval;
    }

    public DataConnectorConfiguration copy() {
        try {
            DataConnectorConfiguration copy = (DataConnectorConfiguration) clone();
            copy.filter = new HashMap<>(filter);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /** Never prints a credential. */
    @Override
    public String toString() {
        return "DataConnectorConfiguration[operation=" + operation + ", accountId=" + accountId + ", baseUrl=" + baseUrl
               + "]";
    }
}
