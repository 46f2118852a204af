package io.dataconnector.camel.component;

import java.util.HashMap;
import java.util.Map;

import io.dataconnector.camel.component.auth.TokenProvider;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/**
 * Options of a Data Connector endpoint. Set once on the component ({@code camel.component.dataconnector.*}) and copied
 * to every endpoint, or per endpoint in its URI.
 */
@UriParams
public class DataConnectorConfiguration implements Cloneable {

    public static final String DEFAULT_BASE_URL = "https://developer.api.autodesk.com";

    @UriPath(description = "The operation to perform (producer), or `jobs` for the completed-job consumer.",
             enums = "createRequest,listRequests,getRequest,updateRequest,deleteRequest,listRequestJobs,listJobs,getJob,"
                     + "cancelJob,listJobFiles,getJobFileUrl,downloadJobFile,jobs")
    @Metadata(required = true)
    private String operation;

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

    // --- ids --------------------------------------------------------------------------------------------------------

    @UriParam(label = "producer", description = "The data request id (header CamelDataConnectorRequestId wins).")
    private String requestId;

    @UriParam(label = "producer", description = "The job id (header CamelDataConnectorJobId wins).")
    private String jobId;

    @UriParam(label = "producer", description = "The extract file name (header CamelDataConnectorFileName wins).")
    private String fileName;

    @UriParam(description = "Restrict jobs to one project id (header CamelDataConnectorProjectId wins).")
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

    // --- HTTP -------------------------------------------------------------------------------------------------------

    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration",
              description = "Connect timeout in milliseconds.")
    private long connectTimeout = 30000;

    @UriParam(label = "advanced", defaultValue = "120000", javaType = "java.time.Duration",
              description = "Timeout for an API call's response, in milliseconds. A download may take longer: only"
                            + " waiting for its first byte is bounded by this.")
    private long requestTimeout = 120000;

    @UriParam(label = "advanced", defaultValue = "4",
              description = "How many times a call answered 429, 503 or 500 (or failing on I/O) is retried.")
    private int maxRetries = 4;

    @UriParam(label = "advanced", defaultValue = "1000", javaType = "java.time.Duration",
              description = "First back-off delay when the server gives no Retry-After; doubled on each retry.")
    private long retryDelay = 1000;

    @UriParam(label = "advanced", defaultValue = "60000", javaType = "java.time.Duration",
              description = "Upper bound of a single back-off wait, including one asked for by Retry-After.")
    private long maxRetryDelay = 60000;

    @UriParam(label = "advanced", defaultValue = "60",
              description = "Client-side budget of API calls per minute (the API allows 60 per client id).")
    private int callsPerMinute = 60;

    @UriParam(label = "proxy", description = "HTTP proxy host.")
    private String proxyHost;

    @UriParam(label = "proxy", description = "HTTP proxy port.")
    private Integer proxyPort;

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
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

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
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

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
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
