package io.dataconnector.camel.component.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import javax.net.ssl.SSLHandshakeException;

import io.dataconnector.camel.component.auth.TokenException;
import io.dataconnector.camel.component.auth.TokenProvider;
import io.dataconnector.camel.component.model.DataConnectorJson;
import io.dataconnector.camel.component.model.DataRequest;
import io.dataconnector.camel.component.model.ExtractFile;
import io.dataconnector.camel.component.model.Job;
import io.dataconnector.camel.component.model.Page;
import io.dataconnector.camel.component.model.SignedUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Data Connector REST API, one method per operation. Every call goes through {@link #send}: the client-side call
 * budget, the bearer token (refreshed once on 401), bounded retries on 429/5xx honouring {@code Retry-After}, and
 * failures turned into {@link DataConnectorException}s that never carry a token or a signed URL.
 */
public class DataConnectorClient {

    private static final Logger LOG = LoggerFactory.getLogger(DataConnectorClient.class);
    private static final int MAX_ERROR_BODY = 2000;
    private static final int MAX_PAGES = 100_000;

    private final String apiRoot;
    private final HttpClient http;
    private final TokenProvider tokens;
    private final RetryPolicy retryPolicy;
    private final CallBudget callBudget;
    private final Duration requestTimeout;
    private final ClientStatistics statistics = new ClientStatistics();
    private final ApiCallObserver observer;

    public DataConnectorClient(String baseUrl, HttpClient http, TokenProvider tokens, RetryPolicy retryPolicy,
                               CallBudget callBudget, Duration requestTimeout) {
        this(baseUrl, http, tokens, retryPolicy, callBudget, requestTimeout, ApiCallObserver.NONE);
    }

    /** @param observer told about every answer, retry and downloaded byte (e.g. metrics) */
    public DataConnectorClient(String baseUrl, HttpClient http, TokenProvider tokens, RetryPolicy retryPolicy,
                               CallBudget callBudget, Duration requestTimeout, ApiCallObserver observer) {
        this.apiRoot = stripTrailingSlash(baseUrl) + "/data-connector/v1/accounts/";
        this.http = http;
        this.tokens = tokens;
        this.retryPolicy = retryPolicy;
        this.callBudget = callBudget;
        this.requestTimeout = requestTimeout;
        this.observer = observer;
    }

    /** Calls, retries and 429s since this client was created. */
    public ClientStatistics getStatistics() {
        return statistics;
    }

    /** The client-side budget of calls per minute this client draws from. */
    public CallBudget getCallBudget() {
        return callBudget;
    }

    /** Where this client's bearer tokens come from. */
    public TokenProvider getTokenProvider() {
        return tokens;
    }

    // --- requests ---------------------------------------------------------------------------------------------------

    /**
     * Creates a data request; never sends it twice blindly. A POST is not idempotent: after an ambiguous failure (HTTP
     * 500/502/504, or the connection lost once the request was sent) the request may exist, so the recent requests
     * are searched for it first (see {@link CreateRequestRecovery}).
     *
     * @throws DataConnectorException when the API refuses the request, or when it may exist but cannot be confirmed
     */
    public DataRequest createRequest(String accountId, DataRequest request) {
        return new CreateRequestRecovery(this, Clock.systemUTC()).create(accountId, request);
    }

    /** One POST of a data request; an ambiguous failure ends in {@link AmbiguousOutcomeException}, never a resend. */
    DataRequest createRequestOnce(String accountId, DataRequest request) {
        return call("createRequest", ids(accountId, null, null), "POST", path(accountId, "requests"),
                request, in -> DataConnectorJson.read(in, DataRequest.class), CallKind.CREATE);
    }

    /** A page of data requests; a record that cannot be read is left out and logged (WARN, one line). */
    public Page<DataRequest> listRequests(String accountId, ListQuery query) {
        String resource = ids(accountId, null, null);
        return call("listRequests", resource, "GET", path(accountId, "requests") + q(query),
                null, in -> DataConnectorJson.readPage(in, DataRequest.class, skipped("listRequests", resource)));
    }

    public DataRequest getRequest(String accountId, String requestId) {
        return call("getRequest", ids(accountId, requestId, null), "GET",
                path(accountId, "requests", requestId), null, in -> DataConnectorJson.read(in, DataRequest.class));
    }

    public DataRequest updateRequest(String accountId, String requestId, DataRequest changes) {
        return call("updateRequest", ids(accountId, requestId, null), "PATCH",
                path(accountId, "requests", requestId), changes, in -> DataConnectorJson.read(in, DataRequest.class));
    }

    public void deleteRequest(String accountId, String requestId) {
        call("deleteRequest", ids(accountId, requestId, null), "DELETE", path(accountId, "requests", requestId),
                null, in -> null);
    }

    /** A page of a data request's jobs; a record that cannot be read is left out and logged (WARN, one line). */
    public Page<Job> listRequestJobs(String accountId, String requestId, ListQuery query) {
        String resource = ids(accountId, requestId, null);
        return call("listRequestJobs", resource, "GET",
                path(accountId, "requests", requestId, "jobs") + q(query), null,
                in -> DataConnectorJson.readPage(in, Job.class, skipped("listRequestJobs", resource)));
    }

    // --- jobs -------------------------------------------------------------------------------------------------------

    /** A page of the account's jobs; a record that cannot be read is left out and logged (WARN, one line). */
    public Page<Job> listJobs(String accountId, ListQuery query) {
        String resource = ids(accountId, null, null);
        return call("listJobs", resource, "GET", path(accountId, "jobs") + q(query), null,
                in -> DataConnectorJson.readPage(in, Job.class, skipped("listJobs", resource)));
    }

    public Job getJob(String accountId, String jobId) {
        return call("getJob", ids(accountId, null, jobId), "GET", path(accountId, "jobs", jobId), null,
                in -> DataConnectorJson.read(in, Job.class));
    }

    public void cancelJob(String accountId, String jobId) {
        call("cancelJob", ids(accountId, null, jobId), "DELETE", path(accountId, "jobs", jobId), null, in -> null);
    }

    /**
     * A health probe: obtains a token and lists one job, without retrying, so the answer is the API's state now.
     *
     * @throws DataConnectorException when no token is obtained or the API does not answer 2xx
     */
    public void ping(String accountId) {
        call("ping", ids(accountId, null, null), "GET", path(accountId, "jobs") + "?limit=1", null, in -> null,
                CallKind.PROBE);
    }

    // --- data -------------------------------------------------------------------------------------------------------

    public List<ExtractFile> listJobFiles(String accountId, String jobId) {
        return call("listJobFiles", ids(accountId, null, jobId), "GET", path(accountId, "jobs", jobId, "data-listing"),
                null, in -> DataConnectorJson.readList(in, ExtractFile.class));
    }

    public SignedUrl getJobFileUrl(String accountId, String jobId, String fileName) {
        return call("getJobFileUrl", ids(accountId, null, jobId) + ", file=" + fileName, "GET",
                path(accountId, "jobs", jobId, "data", fileName), null,
                in -> DataConnectorJson.read(in, SignedUrl.class));
    }

    /**
     * Streams the file behind a signed URL; each read waits at most {@code requestTimeout} for the next bytes (see
     * {@link #download(String, SignedUrl, Duration)}).
     */
    public Download download(String jobId, SignedUrl signedUrl) {
        return download(jobId, signedUrl, requestTimeout);
    }

    /**
     * Streams the file behind a signed URL. No bearer token is sent: the URL carries its own credentials and points
     * at a storage host that is not the API. The connection uses this client's HTTP settings (TLS, proxy, connect
     * timeout).
     *
     * @param readTimeout the longest wait for the next bytes of the body; a longer stall fails the read with a
     *                    {@link DownloadStalledException} naming the file. Zero waits without limit.
     * @throws SignedUrlExpiredException when the storage host refuses the URL as expired or denied (a fresh URL may
     *                                   succeed)
     * @throws DataConnectorException    on another error status or an I/O failure before the body
     */
    public Download download(String jobId, SignedUrl signedUrl, Duration readTimeout) {
        String resource = "jobId=" + jobId + ", file=" + signedUrl.getName();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(signedUrl.getSignedUrl())).GET();
        HttpResponse<InputStream> response = send("downloadJobFile", resource, request, false, CallKind.IDEMPOTENT,
                TimedBodyStream.handler(signedUrl.getName(), readTimeout));
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new Download(response.body(), signedUrl.getName(), length).listen(observer::downloaded);
    }

    /** Convenience: a fresh signed URL, then the stream, so the 60-second validity is not an issue. */
    public Download downloadJobFile(String accountId, String jobId, String fileName) {
        return download(jobId, getJobFileUrl(accountId, jobId, fileName));
    }

    /**
     * Reads every page of a list: starts at the query's offset and advances by the number of results actually
     * returned (the server may cap {@code limit}) until {@code totalResults} are read or a page comes back empty.
     */
    public static <T> Page<T> readAllPages(ListQuery query, Function<ListQuery, Page<T>> pageReader) {
        List<T> all = new ArrayList<>();
        int offset = query.offset() == null ? 0 : query.offset();
        Integer total = null;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            Page<T> page = pageReader.apply(query.withOffset(offset));
            List<T> results = page.getResults() == null ? List.of() : page.getResults();
            all.addAll(results);
            offset += results.size();
            if (page.getPagination() != null && page.getPagination().getTotalResults() != null) {
                total = page.getPagination().getTotalResults();
            }
            if (results.isEmpty() || total == null || offset >= total) {
                break;
            }
        }
        Page<T> merged = new Page<>();
        merged.setResults(all);
        Page.Pagination pagination = new Page.Pagination();
        pagination.setOffset(query.offset() == null ? 0 : query.offset());
        pagination.setLimit(all.size());
        pagination.setTotalResults(total == null ? all.size() : total);
        merged.setPagination(pagination);
        return merged;
    }

    // --- plumbing ---------------------------------------------------------------------------------------------------

    private static DataConnectorJson.UnreadableRecord skipped(String operation, String resource) {
        return (index, id, problem) -> LOG.warn("Data Connector {} ({}): skipped unreadable record #{}{}: {}",
                operation, resource, index, id == null ? "" : " (id " + id + ")", problem);
    }

    private <T> T call(String operation, String resource, String method, String url, Object body,
                       JsonReader<T> reader) {
        return call(operation, resource, method, url, body, reader, CallKind.IDEMPOTENT);
    }

    private <T> T call(String operation, String resource, String method, String url, Object body,
                       JsonReader<T> reader, CallKind kind) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(DataConnectorJson.write(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<InputStream> response = send(operation, resource, request, true, kind,
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            return response.statusCode() == 204 ? null : reader.read(in);
        } catch (IOException e) {
            throw new DataConnectorException(response.statusCode(), operation, resource,
                    "cannot read the response: " + e.getMessage(), e);
        }
    }

    /** How a call may be repeated. */
    private enum CallKind {
        /** Retried on 429/5xx and I/O failures. */
        IDEMPOTENT,
        /** Retried only when the server surely did not act (429, 503, not connected). */
        CREATE,
        /** Never retried: a health probe reports the state as it is. */
        PROBE
    }

    /**
     * Sends with the budget, the token and bounded retries. A {@link CallKind#CREATE} call is never re-sent once the
     * server may have acted on it: an ambiguous failure ends in {@link AmbiguousOutcomeException}.
     */
    private HttpResponse<InputStream> send(String operation, String resource, HttpRequest.Builder request,
                                           boolean authenticated, CallKind kind,
                                           HttpResponse.BodyHandler<InputStream> bodyHandler) {
        boolean idempotent = kind != CallKind.CREATE;
        int maxRetries = kind == CallKind.PROBE ? 0 : retryPolicy.maxRetries();
        boolean tokenRefreshed = false;
        int retries = 0;
        while (true) {
            String token = null;
            boolean sending = false;
            HttpResponse<InputStream> response;
            try {
                if (authenticated) {
                    callBudget.acquire();
                    token = accessToken(operation, resource);
                    request.setHeader("Authorization", "Bearer " + token);
                }
                sending = true;
                statistics.callSent();
                response = http.send(request.timeout(requestTimeout).build(), bodyHandler);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DataConnectorException(0, operation, resource, "interrupted", e);
            } catch (IOException e) {
                if (sending) {
                    observer.answered(operation, 0);
                }
                String what = "I/O failure: " + e.getClass().getSimpleName() + " " + Redaction.scrub(e.getMessage(), token);
                if (!idempotent && sending && !neverSent(e)) {
                    throw new AmbiguousOutcomeException(0, operation, resource,
                            "the connection was lost after the request was sent (" + what + ")", e);
                }
                // a refused certificate stays refused: retrying a failed handshake only delays the error
                if (retries < maxRetries && !(e instanceof SSLHandshakeException)) {
                    retries++;
                    statistics.retried();
                    Duration wait = retryPolicy.delay(retries, java.util.Optional.empty(), Instant.now());
                    observer.retrying(operation, wait, false);
                    LOG.warn("Data Connector {} ({}) failed on I/O ({}); retry {}/{} in {} ms", operation, resource,
                            e.getClass().getSimpleName(), retries, maxRetries, wait.toMillis());
                    pause(wait, operation, resource);
                    continue;
                }
                throw new DataConnectorException(0, operation, resource, what, e);
            }

            int status = response.statusCode();
            observer.answered(operation, status);
            if (status >= 200 && status < 300) {
                return response;
            }
            if (status == 429) {
                statistics.throttled();
            }
            String error = ApiErrorText.of(readError(response, token));
            if (status == 401 && authenticated && !tokenRefreshed && tokens.invalidate(token)) {
                tokenRefreshed = true;
                LOG.info("Data Connector {} ({}) answered 401; refreshing the access token and retrying once",
                        operation, resource);
                continue;
            }
            if (!idempotent && RetryPolicy.isAmbiguous(status)) {
                throw new AmbiguousOutcomeException(status, operation, resource, error, null);
            }
            if (RetryPolicy.isRetryable(status)) {
                java.util.Optional<Duration> asked = retryPolicy.retryAfter(
                        response.headers().firstValue("Retry-After"), Instant.now());
                if (asked.isPresent() && asked.get().compareTo(retryPolicy.maxDelay()) > 0) {
                    throw new DataConnectorException(status, operation, resource, (error.isEmpty() ? "" : error + "; ")
                            + "the API asks to wait " + asked.get().toSeconds() + " s (Retry-After) before retrying,"
                            + " more than maxRetryDelay (" + retryPolicy.maxDelay().toSeconds() + " s): not retried");
                }
                if (retries < maxRetries) {
                    retries++;
                    statistics.retried();
                    Duration wait = retryPolicy.delay(retries, response.headers().firstValue("Retry-After"),
                            Instant.now());
                    observer.retrying(operation, wait, asked.isPresent());
                    LOG.warn("Data Connector {} ({}) answered HTTP {}; retry {}/{} in {} ms", operation, resource,
                            status, retries, maxRetries, wait.toMillis());
                    pause(wait, operation, resource);
                    continue;
                }
            }
            if (!authenticated && refusedAsExpired(status, error)) {
                throw new SignedUrlExpiredException(status, operation, resource,
                        "the signed URL was refused (expired?)" + (error.isEmpty() ? "" : ": " + error));
            }
            if (!authenticated && status == 403) {
                error = "the signed URL was refused" + (error.isEmpty() ? "" : ": " + error);
            }
            throw new DataConnectorException(status, operation, resource, error);
        }
    }

    /**
     * How storage hosts refuse an expired signed URL: S3 answers 403 {@code AccessDenied} ("Request has expired"),
     * CloudFront 403 {@code AccessDenied}, some hosts 400 with a text saying it expired.
     */
    private static boolean refusedAsExpired(int status, String error) {
        String text = error.toLowerCase(java.util.Locale.ROOT);
        return status == 403 && (text.contains("expired") || text.contains("accessdenied"))
               || status == 400 && text.contains("expired");
    }

    /** Failures that happen before a request leaves: connecting, the TLS handshake. */
    private static boolean neverSent(IOException e) {
        return e instanceof java.net.ConnectException || e instanceof java.net.http.HttpConnectTimeoutException
               || e instanceof SSLHandshakeException;
    }

    /**
     * A token the API will accept. A refused grant (bad client credentials, revoked refresh token, unknown service
     * account key) cannot succeed by retrying, so it fails the call at once with the token endpoint's status.
     */
    private String accessToken(String operation, String resource) throws IOException {
        try {
            return tokens.getAccessToken();
        } catch (TokenException e) {
            if (RetryPolicy.isRetryable(e.getStatus())) {
                throw e;
            }
            throw new DataConnectorException(e.getStatus(), operation, resource,
                    "cannot obtain an access token: " + e.getMessage(), e);
        }
    }

    private static void pause(Duration wait, String operation, String resource) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataConnectorException(0, operation, resource, "interrupted while waiting to retry", e);
        }
    }

    private static String readError(HttpResponse<InputStream> response, String token) {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(MAX_ERROR_BODY);
            String text = new String(bytes, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
            return Redaction.scrub(text, token);
        } catch (IOException e) {
            return "";
        }
    }

    private String path(String accountId, String... segments) {
        StringBuilder sb = new StringBuilder(apiRoot).append(segment(require(accountId, "accountId")));
        for (String s : segments) {
            sb.append('/').append(segment(require(s, "id")));
        }
        return sb.toString();
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The Data Connector " + name + " is required but was not set");
        }
        return value;
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String q(ListQuery query) {
        String qs = query == null ? "" : query.toQueryString();
        return qs.isEmpty() ? "" : "?" + qs;
    }

    private static String ids(String accountId, String requestId, String jobId) {
        StringBuilder sb = new StringBuilder("accountId=").append(accountId);
        if (requestId != null) {
            sb.append(", requestId=").append(requestId);
        }
        if (jobId != null) {
            sb.append(", jobId=").append(jobId);
        }
        return sb.toString();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @FunctionalInterface
    private interface JsonReader<T> {
        T read(InputStream in) throws IOException;
    }
}
