package io.dataconnector.camel.simulator;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dataconnector.camel.simulator.SimState.Grant;
import io.dataconnector.camel.simulator.SimState.JobState;
import io.dataconnector.camel.simulator.SimState.RequestState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful loopback simulator of the Autodesk Construction Cloud Data Connector API.
 * <pre>{@code
 * try (DataConnectorSimulator sim = DataConnectorSimulator.builder().instantJobs().build().start()) {
 *     String token = sim.defaultAccessToken();
 *     SimJob job = sim.seedCompleteSuccessJob();
 *     // GET sim.apiBaseUrl() + "/jobs/" + job.id() + "/data-listing" with "Authorization: Bearer " + token
 * }
 * }</pre>
 */
public final class DataConnectorSimulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DataConnectorSimulator.class.getName());
    static final String API_PREFIX = "/data-connector/v1/accounts/";
    static final String TOKEN_PATH = "/authentication/v2/token";
    static final String STORAGE_PREFIX = "/storage/";
    static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    static final Set<String> SCHEDULE_INTERVALS = Set.of("ONE_TIME", "DAY", "WEEK", "MONTH", "YEAR");
    static final Set<String> SERVICE_GROUPS = Set.of("all", "activities", "admin", "assets", "checklists", "cost",
            "dailylogs", "forms", "iq", "issues", "locations", "markups", "meetingminutes", "photos", "relationships",
            "reviews", "rfis", "schedule", "sheets", "submittals", "submittalsacc", "transmittals");
    static final Set<String> DATE_RANGES = Set.of("TODAY", "YESTERDAY", "PAST_7_DAYS", "MONTH_TO_DATE",
            "LAST_MONTH");
    static final Set<String> PROJECT_STATUSES = Set.of("all", "archived", "active");
    private static final Set<String> DATE_FIELDS = Set.of("createdAt", "updatedAt", "effectiveFrom", "effectiveTo",
            "startedAt", "completedAt", "startDate", "endDate", "lastQueuedAt", "lastDownloadedAt");
    private static final Pattern API_PATH = Pattern.compile("^" + API_PREFIX + "([^/]+)(/.*)?$");

    // ---------------------------------------------------------------- configuration
    private final int requestedPort;
    private final String accountId;
    private final Clock clock;
    private final long seed;
    private final int threads;
    private final String userId;
    private final String userEmail;
    private final int createRequestStatus;
    private final Duration tickInterval;
    private volatile int rowsPerTable;
    private volatile boolean trickyValues;
    private volatile boolean utf8Bom;
    private volatile boolean projectIdListAsString;
    private volatile boolean fileSizeAsString;
    private volatile int maxPageLimit;
    private volatile Duration queuedDuration;
    private volatile Duration runningDuration;
    private volatile Duration signedUrlTtl;
    private volatile int jobQuota;
    private volatile int rateLimitPerMinute;
    private volatile boolean authRequired;
    private volatile boolean acceptAnyAccount;
    private volatile List<String> extractTables;

    // ---------------------------------------------------------------- state
    private final Object lock = new Object();
    private final Map<String, RequestState> requests = new LinkedHashMap<>();
    private final Map<String, JobState> jobs = new LinkedHashMap<>();
    private final Map<String, Grant> grants = new HashMap<>();
    private final Map<String, Deque<Instant>> rateWindows = new HashMap<>();
    private final Map<String, ContentSource> globalCustomFiles = new LinkedHashMap<>();
    private final Map<String, ExtractGenerator.TableOverride> globalCustomTables = new LinkedHashMap<>();
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    private final List<CallbackRecord> callbacks = new CopyOnWriteArrayList<>();
    private final Faults faults = new Faults();
    private final TokenService tokens;
    private final Random idRandom;
    private final SecureRandom secureRandom = new SecureRandom();
    private final String defaultAccessToken;
    private long seqCounter;
    private int failNext;
    private final ObjectMapper json = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private HttpServer server;
    private ExecutorService executor;
    private ScheduledExecutorService ticker;
    private HttpClient callbackClient;
    private volatile String baseUrl;

    /** A job-completion callback the simulator POSTed (or tried to). */
    public record CallbackRecord(String url, String body, int status, String error) {
    }

    private DataConnectorSimulator(Builder b) {
        this.requestedPort = b.port;
        this.accountId = b.accountId;
        this.clock = b.clock;
        this.seed = b.seed;
        this.threads = b.threads;
        this.userId = b.userId;
        this.userEmail = b.userEmail;
        this.createRequestStatus = b.createRequestStatus;
        this.tickInterval = b.tickInterval;
        this.rowsPerTable = b.rowsPerTable;
        this.trickyValues = b.trickyValues;
        this.utf8Bom = b.utf8Bom;
        this.projectIdListAsString = b.projectIdListAsString;
        this.fileSizeAsString = b.fileSizeAsString;
        this.maxPageLimit = b.maxPageLimit;
        this.queuedDuration = b.queuedDuration;
        this.runningDuration = b.runningDuration;
        this.signedUrlTtl = b.signedUrlTtl;
        this.jobQuota = b.jobQuota;
        this.rateLimitPerMinute = b.rateLimitPerMinute;
        this.authRequired = b.authRequired;
        this.acceptAnyAccount = b.acceptAnyAccount;
        this.extractTables = b.extractTables;
        this.idRandom = new Random(b.seed);
        this.tokens = new TokenService(clock);
        this.defaultAccessToken = b.accessToken != null ? b.accessToken : tokens.newOpaqueToken(24);
        tokens.registerAccessToken(defaultAccessToken, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ================================================================ lifecycle

    /** Binds to 127.0.0.1 and starts serving. Returns this. */
    public DataConnectorSimulator start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind simulator to port " + requestedPort, e);
        }
        executor = Executors.newFixedThreadPool(threads, daemon("dc-sim-http"));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        tokens.setOwnTokenUrl(baseUrl + TOKEN_PATH);
        callbackClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ticker = Executors.newSingleThreadScheduledExecutor(daemon("dc-sim-ticker"));
        long ms = Math.max(10, tickInterval.toMillis());
        ticker.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "simulator tick failed", e);
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
        LOG.log(System.Logger.Level.INFO, "Data Connector simulator listening on {0} (account {1})", baseUrl,
                accountId);
        return this;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** e.g. {@code http://127.0.0.1:34567} (no trailing slash). */
    public String baseUrl() {
        if (baseUrl == null) {
            throw new IllegalStateException("simulator not started");
        }
        return baseUrl;
    }

    /** {@code baseUrl()/data-connector/v1/accounts/{accountId}}. */
    public String apiBaseUrl() {
        return baseUrl() + API_PREFIX + accountId;
    }

    /** {@code baseUrl()/authentication/v2/token}. */
    public String tokenUrl() {
        return baseUrl() + TOKEN_PATH;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String accountId() {
        return accountId;
    }

    public Clock clock() {
        return clock;
    }

    // ================================================================ auth API

    /** A token accepted for every API call (never expires); set by the builder or random. */
    public String defaultAccessToken() {
        return defaultAccessToken;
    }

    public void registerAccessToken(String token) {
        tokens.registerAccessToken(token, null);
    }

    /** Accept this token until {@code expiresAt} (simulator clock); afterwards 401 "expired". */
    public void registerAccessToken(String token, Instant expiresAt) {
        tokens.registerAccessToken(token, expiresAt);
    }

    public void revokeAccessToken(String token) {
        tokens.revokeAccessToken(token);
    }

    /** Issue a new access token valid for {@code ttl}. */
    public String issueAccessToken(Duration ttl) {
        return tokens.issueAccessToken(ttl);
    }

    public void registerClient(String clientId, String clientSecret) {
        tokens.registerClient(clientId, clientSecret);
    }

    /** Accept this refresh token (valid 15 days) for the client; it is rotated on use. */
    public void registerRefreshToken(String clientId, String refreshToken) {
        tokens.registerRefreshToken(clientId, refreshToken);
    }

    public boolean isRefreshTokenValid(String refreshToken) {
        return tokens.isRefreshTokenValid(refreshToken);
    }

    /** Accept JWT-bearer assertions signed by this key (JWT header {@code kid} = keyId). */
    public void registerServiceAccount(String clientId, String serviceAccountId, String keyId, RSAPublicKey key) {
        tokens.registerServiceAccount(clientId, serviceAccountId, keyId, key);
    }

    /** false = relaxed mode: API calls need no (valid) bearer token. */
    public void setAuthRequired(boolean required) {
        this.authRequired = required;
    }

    // ================================================================ runtime settings

    public void setSignedUrlTtl(Duration ttl) {
        this.signedUrlTtl = ttl;
    }

    public void setMaxPageLimit(int cap) {
        this.maxPageLimit = cap;
    }

    /** Jobs per 24 h per account; &lt;= 0 = unlimited. */
    public void setJobQuota(int quota) {
        this.jobQuota = quota;
    }

    /** Calls per minute per token; &lt;= 0 = off. */
    public void setRateLimitPerMinute(int perMinute) {
        this.rateLimitPerMinute = perMinute;
    }

    public void setProjectIdListAsString(boolean asString) {
        this.projectIdListAsString = asString;
    }

    /** Durations of new jobs in state queued and running (ZERO + ZERO = complete at once). */
    public void setJobDurations(Duration queued, Duration running) {
        this.queuedDuration = queued;
        this.runningDuration = running;
    }

    public void setRowsPerTable(int rows) {
        this.rowsPerTable = rows;
        invalidateExtracts();
    }

    public void setTrickyValues(boolean tricky) {
        this.trickyValues = tricky;
        invalidateExtracts();
    }

    public void setUtf8Bom(boolean bom) {
        this.utf8Bom = bom;
        invalidateExtracts();
    }

    /** Restrict extracts to these built-in tables (null = by the request's service groups). */
    public void setExtractTables(List<String> tableNames) {
        this.extractTables = tableNames == null ? null : List.copyOf(tableNames);
        invalidateExtracts();
    }

    // ================================================================ faults & recording

    public Faults faults() {
        return faults;
    }

    public List<RecordedRequest> recordedRequests() {
        return List.copyOf(recorded);
    }

    /** Recorded requests with this method (null = any) whose path matches the regex (find). */
    public List<RecordedRequest> recordedRequests(String method, String pathRegex) {
        Pattern p = Pattern.compile(pathRegex);
        return recorded.stream().filter(r -> method == null || r.method().equalsIgnoreCase(method))
                .filter(r -> p.matcher(r.path()).find()).toList();
    }

    public List<RecordedRequest> recordedRequests(Operation op) {
        return recorded.stream().filter(r -> r.operation() == op).toList();
    }

    /** Number of Data Connector API calls received (not token, not downloads). */
    public int apiCallCount() {
        return (int) recorded.stream().filter(r -> r.operation().isApi()).count();
    }

    public void clearRecordedRequests() {
        recorded.clear();
    }

    public List<CallbackRecord> callbacks() {
        return List.copyOf(callbacks);
    }

    // ================================================================ state API

    public List<SimRequest> requests() {
        synchronized (lock) {
            return requests.values().stream().filter(r -> !r.deleted).map(RequestState::snapshot).toList();
        }
    }

    public Optional<SimRequest> request(String id) {
        synchronized (lock) {
            RequestState r = requests.get(id);
            return r == null || r.deleted ? Optional.empty() : Optional.of(r.snapshot());
        }
    }

    public List<SimJob> jobs() {
        synchronized (lock) {
            Instant now = clock.instant();
            advanceAll(now);
            return jobs.values().stream().map(j -> j.snapshot(now)).toList();
        }
    }

    public Optional<SimJob> job(String id) {
        synchronized (lock) {
            Instant now = clock.instant();
            JobState j = jobs.get(id);
            if (j == null) {
                return Optional.empty();
            }
            advance(j, now);
            return Optional.of(j.snapshot(now));
        }
    }

    public List<SimJob> jobsOf(String requestId) {
        return jobs().stream().filter(j -> j.requestId().equals(requestId)).toList();
    }

    /**
     * Creates a request exactly as POST requests would (same validation and job spawning), but without the quota
     * check. Accepts the API's JSON field names.
     */
    public SimRequest createRequest(Map<String, Object> body) {
        JsonNode node = json.valueToTree(body);
        synchronized (lock) {
            Instant now = clock.instant();
            RequestState r = newRequestFrom((ObjectNode) node, now);
            activate(r, now, false);
            return r.snapshot();
        }
    }

    /** An active ONE_TIME request (all service groups) with no job yet. */
    public SimRequest seedRequest() {
        synchronized (lock) {
            Instant now = clock.instant();
            RequestState r = new RequestState();
            r.seq = ++seqCounter;
            r.id = nextUuid();
            r.description = "Seeded data request";
            r.accountId = accountId;
            r.createdBy = userId;
            r.createdByEmail = userEmail;
            r.createdAt = now;
            r.updatedBy = userId;
            r.updatedAt = now;
            r.scheduleInterval = "ONE_TIME";
            r.effectiveFrom = now;
            r.serviceGroups = new ArrayList<>(List.of("all"));
            requests.put(r.id, r);
            return r.snapshot();
        }
    }

    /** A job in state complete with this completion status, created at {@code createdAt}. */
    public SimJob seedCompletedJob(String requestId, String completionStatus, Instant createdAt) {
        return seedJob(requestId, "complete", completionStatus, createdAt);
    }

    /**
     * A job in any state, created at {@code createdAt}. queued/running jobs seeded this way stay in their state
     * until {@link #completeJobNow}, {@link #failJob} or {@link #cancelJob}.
     */
    public SimJob seedJob(String requestId, String status, String completionStatus, Instant createdAt) {
        synchronized (lock) {
            RequestState r = requireRequest(requestId);
            JobState j = newJob(r, createdAt);
            j.runAt = null;
            j.doneAt = null;
            switch (status) {
                case "queued":
                    break;
                case "running":
                    j.status = "running";
                    j.startedAt = createdAt.plusSeconds(5);
                    break;
                case "complete":
                    j.status = "complete";
                    j.startedAt = createdAt.plusSeconds(10);
                    j.completedAt = createdAt.plusSeconds(60);
                    j.completionStatus = completionStatus == null ? "success" : completionStatus;
                    break;
                default:
                    throw new IllegalArgumentException("status must be queued, running or complete");
            }
            if (r.lastQueuedAt == null || createdAt.isAfter(r.lastQueuedAt)) {
                r.lastQueuedAt = createdAt;
            }
            return j.snapshot(clock.instant());
        }
    }

    /** Convenience: a seeded request plus a complete/success job created ten minutes ago. */
    public SimJob seedCompleteSuccessJob() {
        SimRequest r = seedRequest();
        return seedCompletedJob(r.id(), "success", clock.instant().minus(Duration.ofMinutes(10)));
    }

    /** Spawns a job for the request now (e.g. the next run of a recurring request); not quota-checked. */
    public SimJob spawnJob(String requestId) {
        synchronized (lock) {
            RequestState r = requireRequest(requestId);
            Instant now = clock.instant();
            JobState j = spawn(r, now);
            return j.snapshot(now);
        }
    }

    /** Completes a job now with its planned outcome (success unless {@link #failNextJobs}). */
    public SimJob completeJobNow(String jobId) {
        return finish(jobId, null);
    }

    /** Completes a job now as failed. */
    public SimJob failJob(String jobId) {
        return finish(jobId, "failed");
    }

    /** Completes a job now as cancelled (like DELETE jobs/{id}). */
    public SimJob cancelJob(String jobId) {
        return finish(jobId, "cancelled");
    }

    /** The next {@code n} spawned jobs will complete as failed. */
    public void failNextJobs(int n) {
        synchronized (lock) {
            failNext = n;
        }
    }

    /** Spawns scheduled jobs and moves jobs along their lifecycle according to the clock (also done on each call). */
    public void tick() {
        synchronized (lock) {
            Instant now = clock.instant();
            for (RequestState r : new ArrayList<>(requests.values())) {
                if (!r.deleted && r.isActive && r.pendingRunAt != null && !now.isBefore(r.pendingRunAt)) {
                    Instant at = r.pendingRunAt;
                    r.pendingRunAt = null;
                    spawn(r, at);
                }
            }
            advanceAll(now);
        }
    }

    // ---------------------------------------------------------------- extract API

    public List<ExtractFileInfo> jobFiles(String jobId) {
        synchronized (lock) {
            return extractOf(requireJob(jobId)).listing();
        }
    }

    /** The content of one extract file (reads streamed sources fully: use for small files). */
    public byte[] jobFileBytes(String jobId, String name) {
        ContentSource c;
        synchronized (lock) {
            Extract.Entry e = extractOf(requireJob(jobId)).get(name);
            if (e == null) {
                throw new IllegalArgumentException("No file " + name + " in job " + jobId);
            }
            c = e.content();
        }
        if (c.bytes() != null) {
            return c.bytes().clone();
        }
        try (InputStream in = c.open()) {
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Adds or replaces a file in one job's extract. In-memory content is also packed into the ZIP. */
    public void putJobFile(String jobId, String name, ContentSource content) {
        synchronized (lock) {
            JobState j = requireJob(jobId);
            j.customFiles.put(name, content);
            j.extract = null;
        }
    }

    public void putJobFile(String jobId, String name, byte[] content) {
        putJobFile(jobId, name, ContentSource.of(content));
    }

    /** Replaces (or adds) a table's CSV and schema in one job's extract; columns null = all "string". */
    public void putJobTable(String jobId, String table, String csv, List<SchemaColumn> columns) {
        synchronized (lock) {
            JobState j = requireJob(jobId);
            j.customTables.put(table, new ExtractGenerator.TableOverride(csv, columns));
            j.extract = null;
        }
    }

    /** Adds an entry to one job's ZIP only (e.g. a hostile name like {@code ../../evil.csv}). */
    public void putZipEntry(String jobId, String entryName, byte[] content) {
        synchronized (lock) {
            JobState j = requireJob(jobId);
            j.extraZipEntries.put(entryName, content.clone());
            j.extract = null;
        }
    }

    /** Adds a file to every job's extract. */
    public void putCustomFile(String name, ContentSource content) {
        synchronized (lock) {
            globalCustomFiles.put(name, content);
            invalidateExtracts();
        }
    }

    /** Replaces (or adds) a table's CSV and schema in every job's extract. */
    public void putCustomTable(String table, String csv, List<SchemaColumn> columns) {
        synchronized (lock) {
            globalCustomTables.put(table, new ExtractGenerator.TableOverride(csv, columns));
            invalidateExtracts();
        }
    }

    // ================================================================ internals: state

    private void invalidateExtracts() {
        synchronized (lock) {
            jobs.values().forEach(j -> j.extract = null);
        }
    }

    private String nextUuid() {
        long msb = idRandom.nextLong() & 0xffffffffffff0fffL | 0x4000L;
        long lsb = idRandom.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private RequestState requireRequest(String id) {
        RequestState r = requests.get(id);
        if (r == null || r.deleted) {
            throw new IllegalArgumentException("No request " + id);
        }
        return r;
    }

    private JobState requireJob(String id) {
        JobState j = jobs.get(id);
        if (j == null) {
            throw new IllegalArgumentException("No job " + id);
        }
        return j;
    }

    private JobState newJob(RequestState r, Instant createdAt) {
        JobState j = new JobState();
        j.seq = ++seqCounter;
        j.id = nextUuid();
        j.requestId = r.id;
        j.accountId = accountId;
        j.projectId = r.projectId;
        j.projectIdList = r.projectIdList == null ? null : new ArrayList<>(r.projectIdList);
        j.createdBy = r.createdBy;
        j.createdByEmail = r.createdByEmail;
        j.createdAt = createdAt;
        j.sendEmail = r.sendEmail;
        j.startDate = r.startDate;
        j.endDate = r.endDate;
        j.serviceGroups = new ArrayList<>(r.serviceGroups);
        j.callbackUrl = r.callbackUrl;
        if (failNext > 0) {
            failNext--;
            j.plannedOutcome = "failed";
        }
        jobs.put(j.id, j);
        return j;
    }

    private JobState spawn(RequestState r, Instant at) {
        JobState j = newJob(r, at);
        j.runAt = at.plus(queuedDuration);
        j.doneAt = j.runAt.plus(runningDuration);
        r.lastQueuedAt = at;
        advance(j, clock.instant());
        return j;
    }

    /** Spawns the first job of a newly created/activated request, or schedules it. */
    private void activate(RequestState r, Instant now, boolean enforceQuota) {
        if (!r.isActive) {
            requests.put(r.id, r);
            return;
        }
        // one-time and recurring alike: "If the date and time [effectiveFrom] is before the current time,
        // execution of scheduling begins immediately" - otherwise the first job is spawned at effectiveFrom
        boolean runNow = r.effectiveFrom == null || !r.effectiveFrom.isAfter(now);
        if (runNow) {
            if (enforceQuota && quotaExceeded(now)) {
                throw new ApiError(429, "Rate limit exceeded: an account can create at most " + jobQuota
                        + " jobs within 24 hours.", "TOO_MANY_REQUESTS");
            }
            requests.put(r.id, r);
            spawn(r, now);
        } else {
            requests.put(r.id, r);
            r.pendingRunAt = r.effectiveFrom;
        }
    }

    private boolean quotaExceeded(Instant now) {
        if (jobQuota <= 0) {
            return false;
        }
        Instant since = now.minus(Duration.ofHours(24));
        long n = jobs.values().stream().filter(j -> j.createdAt.isAfter(since)).count();
        return n >= jobQuota;
    }

    private void advanceAll(Instant now) {
        for (JobState j : jobs.values()) {
            advance(j, now);
        }
    }

    private void advance(JobState j, Instant now) {
        if ("queued".equals(j.status) && j.runAt != null && !now.isBefore(j.runAt)) {
            j.status = "running";
            j.startedAt = j.runAt;
        }
        if ("running".equals(j.status) && j.doneAt != null && !now.isBefore(j.doneAt)) {
            complete(j, j.doneAt, j.plannedOutcome);
        }
    }

    private void complete(JobState j, Instant at, String outcome) {
        if (j.startedAt == null) {
            j.startedAt = at;
        }
        j.status = "complete";
        j.completedAt = at;
        j.completionStatus = outcome;
        if (!"cancelled".equals(outcome)) {
            sendCallback(j);
        }
    }

    private SimJob finish(String jobId, String outcome) {
        synchronized (lock) {
            JobState j = requireJob(jobId);
            Instant now = clock.instant();
            advance(j, now);
            if (!"complete".equals(j.status)) {
                complete(j, now, outcome == null ? j.plannedOutcome : outcome);
            } else if (outcome != null && !outcome.equals(j.completionStatus)) {
                j.completionStatus = outcome;
                j.extract = null;
            }
            return j.snapshot(now);
        }
    }

    private Extract extractOf(JobState j) {
        if (!"complete".equals(j.status) || !"success".equals(j.completionStatus)) {
            throw new IllegalStateException("Job " + j.id + " has no extract (" + j.status + "/"
                    + j.completionStatus + ")");
        }
        if (j.extract == null) {
            Map<String, ExtractGenerator.TableOverride> tables = new LinkedHashMap<>(globalCustomTables);
            tables.putAll(j.customTables);
            Map<String, ContentSource> files = new LinkedHashMap<>(globalCustomFiles);
            files.putAll(j.customFiles);
            j.extract = ExtractGenerator.build(new ExtractGenerator.Spec(seed, j.seq, accountId,
                    j.projectIdList != null ? j.projectIdList : j.projectId != null ? List.of(j.projectId) : null,
                    j.serviceGroups, rowsPerTable, trickyValues, utf8Bom, extractTables, tables, files,
                    j.extraZipEntries, j.completedAt));
        }
        return j.extract;
    }

    private void sendCallback(JobState j) {
        String url = j.callbackUrl;
        if (url == null || url.isBlank() || callbackClient == null) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountId", accountId);
        body.put("requestId", j.requestId);
        body.put("jobId", j.id);
        body.put("state", "complete");
        body.put("success", "success".equals(j.plannedOutcome) && !"failed".equals(j.completionStatus));
        String text = writeJson(body);
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(text)).build();
            callbackClient.sendAsync(req, HttpResponse.BodyHandlers.discarding())
                    .whenComplete((resp, err) -> callbacks.add(new CallbackRecord(url, text,
                            resp == null ? -1 : resp.statusCode(), err == null ? null : err.toString())));
        } catch (RuntimeException e) {
            callbacks.add(new CallbackRecord(url, text, -1, e.toString()));
        }
    }

    // ================================================================ HTTP

    /** An error answered as JSON. */
    static final class ApiError extends RuntimeException {
        final int status;
        final String code;

        ApiError(int status, String message, String code) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    /** Thrown to make the JDK server drop the connection (simulated truncation). */
    static final class DropConnection extends IOException {
        DropConnection() {
            super("simulated truncated download");
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = ex.getRequestURI().getPath();
        String rawQuery = ex.getRequestURI().getRawQuery();
        try {
            byte[] body = ex.getRequestBody().readAllBytes();
            Map<String, List<String>> query = parseQuery(rawQuery);
            Operation op = classify(method, path);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            String bodyText = new String(body, StandardCharsets.UTF_8);
            recorded.add(new RecordedRequest(method, path, rawQuery, Collections.unmodifiableMap(query),
                    Collections.unmodifiableMap(headers), bodyText, clock.instant(), op));
            LOG.log(System.Logger.Level.DEBUG, () -> method + " " + (op == Operation.DOWNLOAD ? "/storage/***"
                    : path) + " -> " + op);
            tick();
            Fault fault = faults.poll(method, path, op);
            if (fault != null && fault.kind() == Fault.Kind.STATUS) {
                respondFault(ex, fault, op);
                return;
            }
            switch (op) {
                case TOKEN:
                    handleToken(ex, method, bodyText, headers);
                    return;
                case DOWNLOAD:
                    handleDownload(ex, method, path, query, fault);
                    return;
                case UNKNOWN:
                    throw new ApiError(404, "The requested resource does not exist.", "NOT_FOUND");
                default:
                    handleApi(ex, method, path, query, bodyText, headers, op);
            }
        } catch (RetryAfterError e) {
            sendJson(ex, 429, errorBody("Rate limit exceeded; wait some time before retrying.",
                    "TOO_MANY_REQUESTS"), Map.of("Retry-After", String.valueOf(e.seconds)));
        } catch (ApiError e) {
            sendJson(ex, e.status, errorBody(e.getMessage(), e.code), e.status == 401
                    ? Map.of("WWW-Authenticate", "Bearer") : Map.of());
        } catch (DropConnection e) {
            throw e;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "I/O error while answering {0}: {1}", method, e.toString());
            ex.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "simulator error on " + method + " " + path, e);
            try {
                sendJson(ex, 500, errorBody("Internal simulator error: " + e, "INTERNAL_ERROR"), Map.of());
            } catch (IOException | RuntimeException ignored) {
                ex.close();
            }
        }
    }

    private static Operation classify(String method, String path) {
        if (path.equals(TOKEN_PATH)) {
            return "POST".equals(method) ? Operation.TOKEN : Operation.UNKNOWN;
        }
        if (path.startsWith(STORAGE_PREFIX)) {
            return "GET".equals(method) || "HEAD".equals(method) ? Operation.DOWNLOAD : Operation.UNKNOWN;
        }
        Matcher m = API_PATH.matcher(path);
        if (!m.matches()) {
            return Operation.UNKNOWN;
        }
        String rest = m.group(2) == null ? "" : m.group(2);
        if (rest.endsWith("/") && rest.length() > 1) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String[] s = rest.isEmpty() ? new String[0] : rest.substring(1).split("/", -1);
        if (s.length == 1 && s[0].equals("requests")) {
            return "POST".equals(method) ? Operation.CREATE_REQUEST : "GET".equals(method) ? Operation.LIST_REQUESTS
                    : Operation.UNKNOWN;
        }
        if (s.length == 2 && s[0].equals("requests")) {
            switch (method) {
                case "GET":
                    return Operation.GET_REQUEST;
                case "PATCH":
                    return Operation.UPDATE_REQUEST;
                case "DELETE":
                    return Operation.DELETE_REQUEST;
                default:
                    return Operation.UNKNOWN;
            }
        }
        if (s.length == 3 && s[0].equals("requests") && s[2].equals("jobs")) {
            return "GET".equals(method) ? Operation.LIST_REQUEST_JOBS : Operation.UNKNOWN;
        }
        if (s.length == 1 && s[0].equals("jobs")) {
            return "GET".equals(method) ? Operation.LIST_JOBS : Operation.UNKNOWN;
        }
        if (s.length == 2 && s[0].equals("jobs")) {
            return "GET".equals(method) ? Operation.GET_JOB : "DELETE".equals(method) ? Operation.CANCEL_JOB
                    : Operation.UNKNOWN;
        }
        if (s.length == 3 && s[0].equals("jobs") && s[2].equals("data-listing")) {
            return "GET".equals(method) ? Operation.LIST_JOB_FILES : Operation.UNKNOWN;
        }
        if (s.length == 4 && s[0].equals("jobs") && s[2].equals("data") && !s[3].isEmpty()) {
            return "GET".equals(method) ? Operation.GET_JOB_FILE_URL : Operation.UNKNOWN;
        }
        return Operation.UNKNOWN;
    }

    private void respondFault(HttpExchange ex, Fault f, Operation op) throws IOException {
        Map<String, String> extra = new LinkedHashMap<>();
        if (f.retryAfterValue() != null) {
            extra.put("Retry-After", f.retryAfterValue());
        }
        String msg = f.messageText();
        String code;
        switch (f.statusCode()) {
            case 401:
                msg = msg != null ? msg : "The provided bearer token is invalid.";
                code = "AUTH-001";
                extra.put("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                break;
            case 429:
                msg = msg != null ? msg : "Rate limit exceeded; wait some time before retrying.";
                code = "TOO_MANY_REQUESTS";
                break;
            case 503:
                msg = msg != null ? msg : "Service unavailable.";
                code = "SERVICE_UNAVAILABLE";
                break;
            default:
                msg = msg != null ? msg : "Simulated error " + f.statusCode();
                code = "SIMULATED_" + f.statusCode();
        }
        if (op == Operation.TOKEN) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", f.statusCode() == 401 ? "invalid_client" : "server_error");
            body.put("error_description", msg);
            sendJson(ex, f.statusCode(), body, extra);
        } else if (op == Operation.DOWNLOAD) {
            sendXml(ex, f.statusCode(), s3Error("SimulatedError", msg));
        } else {
            sendJson(ex, f.statusCode(), errorBody(msg, code), extra);
        }
    }

    // ---------------------------------------------------------------- token endpoint

    private void handleToken(HttpExchange ex, String method, String body, Map<String, List<String>> headers)
            throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        parseQuery(body).forEach((k, v) -> form.put(k, v.get(0)));
        List<String> auth = headers.get("Authorization");
        TokenService.Result r = tokens.token(form, auth == null ? null : auth.get(0));
        sendJson(ex, r.status(), r.body(), Map.of("Cache-Control", "no-store"));
    }

    // ---------------------------------------------------------------- API

    private void handleApi(HttpExchange ex, String method, String path, Map<String, List<String>> query,
                           String body, Map<String, List<String>> headers, Operation op) throws IOException {
        String token = null;
        List<String> auth = headers.get("Authorization");
        if (auth != null && !auth.isEmpty() && auth.get(0).regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = auth.get(0).substring(7).trim();
        }
        if (authRequired) {
            String problem = tokens.checkAccessToken(token);
            if (problem != null) {
                throw new ApiError(401, "expired".equals(problem) ? "The token has expired."
                        : "The provided bearer token is invalid.", "AUTH-001");
            }
        }
        rateLimit(token == null ? "anonymous" : token);
        Matcher m = API_PATH.matcher(path);
        if (!m.matches()) {
            throw new ApiError(404, "The requested resource does not exist.", "NOT_FOUND");
        }
        String acct = m.group(1);
        if (!acceptAnyAccount && !acct.equals(accountId)) {
            throw new ApiError(403, "The user does not have access to account " + acct + ".", "FORBIDDEN");
        }
        String[] s = m.group(2).substring(1).split("/", -1);
        synchronized (lock) {
            Instant now = clock.instant();
            switch (op) {
                case CREATE_REQUEST: {
                    RequestState r = newRequestFrom(parseObject(body), now);
                    activate(r, now, true);
                    sendJson(ex, createRequestStatus, renderRequest(r), Map.of());
                    return;
                }
                case LIST_REQUESTS: {
                    List<Map<String, Object>> raws = requests.values().stream().filter(r -> !r.deleted)
                            .map(RequestState::raw).toList();
                    sendJson(ex, 200, page(raws, query, null, this::renderRequestRaw), Map.of());
                    return;
                }
                case GET_REQUEST:
                    sendJson(ex, 200, renderRequest(findRequest(s[1])), Map.of());
                    return;
                case UPDATE_REQUEST: {
                    RequestState r = findRequest(s[1]);
                    applyPatch(r, parseObject(body), now);
                    sendJson(ex, 200, renderRequest(r), Map.of());
                    return;
                }
                case DELETE_REQUEST: {
                    RequestState r = findRequest(s[1]);
                    r.deleted = true;
                    r.pendingRunAt = null;
                    sendEmpty(ex, 204);
                    return;
                }
                case LIST_REQUEST_JOBS: {
                    RequestState r = findRequest(s[1]);
                    List<Map<String, Object>> raws = jobs.values().stream().filter(j -> j.requestId.equals(r.id))
                            .map(j -> j.raw(now)).toList();
                    sendJson(ex, 200, page(raws, query, null, this::renderJobRaw), Map.of());
                    return;
                }
                case LIST_JOBS: {
                    List<Map<String, Object>> raws = jobs.values().stream().map(j -> j.raw(now)).toList();
                    sendJson(ex, 200, page(raws, query, first(query, "projectId"), this::renderJobRaw), Map.of());
                    return;
                }
                case GET_JOB:
                    sendJson(ex, 200, renderJobRaw(findJob(s[1]).raw(now)), Map.of());
                    return;
                case CANCEL_JOB: {
                    JobState j = findJob(s[1]);
                    if ("complete".equals(j.status)) {
                        throw new ApiError(400, "The job is already complete and cannot be cancelled.",
                                "BAD_REQUEST");
                    }
                    complete(j, now, "cancelled");
                    sendEmpty(ex, 204);
                    return;
                }
                case LIST_JOB_FILES: {
                    Extract e = extractOrNotFound(findJob(s[1]));
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (ExtractFileInfo f : e.listing()) {
                        Map<String, Object> mm = new LinkedHashMap<>();
                        mm.put("name", f.name());
                        mm.put("createdAt", ISO_MILLIS.format(f.createdAt()));
                        mm.put("size", f.size());
                        out.add(mm);
                    }
                    sendJson(ex, 200, out, Map.of());
                    return;
                }
                case GET_JOB_FILE_URL: {
                    JobState j = findJob(s[1]);
                    String name = s[3];
                    Extract e = extractOrNotFound(j);
                    Extract.Entry f = e.get(name);
                    if (f == null) {
                        throw new ApiError(404, "The requested resource does not exist.", "NOT_FOUND");
                    }
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("name", name);
                    long size = f.content().size();
                    out.put("size", fileSizeAsString ? (Object) String.valueOf(size) : (Object) size);
                    out.put("signedUrl", signUrl(j, name, now));
                    sendJson(ex, 200, out, Map.of());
                    return;
                }
                default:
                    throw new ApiError(404, "The requested resource does not exist.", "NOT_FOUND");
            }
        }
    }

    private void rateLimit(String key) {
        int limit = rateLimitPerMinute;
        if (limit <= 0) {
            return;
        }
        synchronized (rateWindows) {
            Instant now = clock.instant();
            Deque<Instant> w = rateWindows.computeIfAbsent(key, k -> new ArrayDeque<>());
            while (!w.isEmpty() && !w.peekFirst().isAfter(now.minusSeconds(60))) {
                w.pollFirst();
            }
            if (w.size() >= limit) {
                long wait = Math.max(1, Duration.between(now, w.peekFirst().plusSeconds(60)).toSeconds() + 1);
                throw new RetryAfterError(wait);
            }
            w.addLast(now);
        }
    }

    /** 429 with Retry-After (rate limit). */
    static final class RetryAfterError extends RuntimeException {
        final long seconds;

        RetryAfterError(long seconds) {
            super("Rate limit exceeded", null, false, false);
            this.seconds = seconds;
        }
    }

    private RequestState findRequest(String id) {
        RequestState r = requests.get(id);
        if (r == null || r.deleted) {
            throw new ApiError(404, "The requested resource does not exist.", "NOT_FOUND");
        }
        return r;
    }

    private JobState findJob(String id) {
        JobState j = jobs.get(id);
        if (j == null) {
            throw new ApiError(404, "The requested resource does not exist.", "NOT_FOUND");
        }
        return j;
    }

    private Extract extractOrNotFound(JobState j) {
        if (!"complete".equals(j.status) || !"success".equals(j.completionStatus)) {
            throw new ApiError(404, "The requested resource does not exist.", "NOT_FOUND");
        }
        return extractOf(j);
    }

    private String signUrl(JobState j, String name, Instant now) {
        String token = tokens.newOpaqueToken(18);
        byte[] sig = new byte[20];
        secureRandom.nextBytes(sig);
        String signature = Base64.getEncoder().encodeToString(sig);
        byte[] st = new byte[96];
        secureRandom.nextBytes(st);
        String securityToken = Base64.getEncoder().encodeToString(st);
        Instant expires = now.plus(signedUrlTtl);
        grants.put(token, new Grant(token, j.id, name, expires, signature));
        StringBuilder key = new StringBuilder("ASIA");
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        for (int i = 0; i < 16; i++) {
            key.append(alphabet.charAt(secureRandom.nextInt(alphabet.length())));
        }
        long expSeconds = (expires.toEpochMilli() + 999) / 1000;
        return baseUrl + STORAGE_PREFIX + token + "/" + encodePathSegment(name)
                + "?AWSAccessKeyId=" + key
                + "&Expires=" + expSeconds
                + "&Signature=" + URLEncoder.encode(signature, StandardCharsets.UTF_8)
                + "&x-amz-security-token=" + URLEncoder.encode(securityToken, StandardCharsets.UTF_8);
    }

    private static String encodePathSegment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---------------------------------------------------------------- downloads

    private void handleDownload(HttpExchange ex, String method, String path, Map<String, List<String>> query,
                                Fault fault) throws IOException {
        String rest = path.substring(STORAGE_PREFIX.length());
        int slash = rest.indexOf('/');
        String token = slash < 0 ? rest : rest.substring(0, slash);
        String name = slash < 0 ? "" : rest.substring(slash + 1);
        ContentSource content;
        Instant now = clock.instant();
        synchronized (lock) {
            Grant g = grants.get(token);
            if (g == null || !g.name().equals(name)) {
                sendXml(ex, 403, s3Error("AccessDenied", "Access Denied"));
                return;
            }
            if (!g.signature().equals(first(query, "Signature"))) {
                sendXml(ex, 403, s3Error("SignatureDoesNotMatch", "The request signature we calculated does not "
                        + "match the signature you provided."));
                return;
            }
            if (now.isAfter(g.expiresAt()) || (fault != null && fault.kind() == Fault.Kind.EXPIRED_SIGNED_URL)) {
                sendXml(ex, 403, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message><Expires>"
                        + ISO_MILLIS.format(g.expiresAt()) + "</Expires><ServerTime>" + ISO_MILLIS.format(now)
                        + "</ServerTime><RequestId>" + tokens.newOpaqueToken(8) + "</RequestId></Error>");
                return;
            }
            JobState j = jobs.get(g.jobId());
            Extract.Entry e = j == null || !"success".equals(j.completionStatus) ? null : extractOf(j).get(name);
            if (e == null) {
                sendXml(ex, 404, s3Error("NoSuchKey", "The specified key does not exist."));
                return;
            }
            content = e.content();
            if ("GET".equals(method)) {
                j.lastDownloadedAt = now;
                j.lastDownloadedBy = j.createdByEmail;
            }
        }
        if (fault != null && fault.kind() == Fault.Kind.CORRUPT_ZIP_CRC) {
            byte[] b = content.bytes();
            if (b == null) {
                try (InputStream in = content.open()) {
                    b = in.readAllBytes();
                }
            }
            content = ContentSource.of(ExtractGenerator.corruptFirstCrc(b));
        }
        long size = content.size();
        ex.getResponseHeaders().set("Content-Type", contentType(name));
        ex.getResponseHeaders().set("ETag", "\"" + Integer.toHexString(name.hashCode()) + Long.toHexString(size)
                + "\"");
        ex.getResponseHeaders().set("x-amz-server-side-encryption", "AES256");
        if ("HEAD".equals(method)) {
            ex.getResponseHeaders().set("Content-Length", String.valueOf(size));
            ex.sendResponseHeaders(200, -1);
            ex.close();
            return;
        }
        ex.sendResponseHeaders(200, size == 0 ? -1 : size);
        if (size == 0) {
            ex.close();
            return;
        }
        long limit = fault != null && fault.kind() == Fault.Kind.TRUNCATED_DOWNLOAD ? fault.truncateAfter() : size;
        long bps = fault != null && fault.kind() == Fault.Kind.SLOW_DOWNLOAD ? fault.bytesPerSecond() : 0;
        OutputStream out = ex.getResponseBody();
        try (InputStream in = content.open()) {
            int chunk = bps > 0 ? (int) Math.max(1, Math.min(65536, bps / 20)) : 65536;
            byte[] buf = new byte[chunk];
            long sent = 0;
            while (sent < limit) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, limit - sent));
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                sent += n;
                if (bps > 0) {
                    out.flush();
                    try {
                        Thread.sleep(Math.max(1, n * 1000L / bps));
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new DropConnection();
                    }
                }
            }
            if (sent < size) {
                out.flush();
                throw new DropConnection();
            }
        }
        out.close();
    }

    private static String contentType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv")) {
            return "text/csv";
        } else if (n.endsWith(".zip")) {
            return "application/zip";
        } else if (n.endsWith(".html")) {
            return "text/html";
        } else if (n.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }

    private static String s3Error(String code, String message) {
        return "<Error><Code>" + code + "</Code><Message>" + message + "</Message></Error>";
    }

    // ---------------------------------------------------------------- request parsing & validation

    private ObjectNode parseObject(String body) {
        if (body == null || body.isBlank()) {
            throw new ApiError(400, "A JSON request body is required.", "BAD_REQUEST");
        }
        JsonNode n;
        try {
            n = json.readTree(body);
        } catch (IOException e) {
            throw new ApiError(400, "The request body is not valid JSON.", "BAD_REQUEST");
        }
        if (!(n instanceof ObjectNode)) {
            throw new ApiError(400, "The request body must be a JSON object.", "BAD_REQUEST");
        }
        return (ObjectNode) n;
    }

    private RequestState newRequestFrom(ObjectNode b, Instant now) {
        RequestState r = new RequestState();
        r.accountId = accountId;
        r.createdBy = userId;
        r.createdByEmail = userEmail;
        r.createdAt = now;
        r.updatedBy = userId;
        r.updatedAt = now;
        if (!b.hasNonNull("scheduleInterval")) {
            throw bad("scheduleInterval is required.");
        }
        if (!b.hasNonNull("effectiveFrom")) {
            throw bad("effectiveFrom is required.");
        }
        if (!b.hasNonNull("serviceGroups")) {
            throw bad("serviceGroups is required.");
        }
        applyFields(r, b, true);
        r.seq = ++seqCounter;
        r.id = nextUuid();
        return r;
    }

    private void applyPatch(RequestState r, ObjectNode b, Instant now) {
        boolean wasActive = r.isActive;
        RequestState copy = new RequestState();
        copyInto(r, copy);
        applyFields(copy, b, false);
        copyInto(copy, r);
        r.updatedAt = now;
        r.updatedBy = userId;
        if (!r.isActive) {
            r.pendingRunAt = null;
        } else if (!wasActive && "ONE_TIME".equals(r.scheduleInterval) && r.lastQueuedAt == null) {
            if (r.effectiveFrom == null || !r.effectiveFrom.isAfter(now)) {
                spawn(r, now);
            } else {
                r.pendingRunAt = r.effectiveFrom;
            }
        }
    }

    private static void copyInto(RequestState a, RequestState b) {
        b.description = a.description;
        b.isActive = a.isActive;
        b.projectId = a.projectId;
        b.projectIdList = a.projectIdList;
        b.scheduleInterval = a.scheduleInterval;
        b.reoccuringInterval = a.reoccuringInterval;
        b.effectiveFrom = a.effectiveFrom;
        b.effectiveTo = a.effectiveTo;
        b.serviceGroups = a.serviceGroups;
        b.callbackUrl = a.callbackUrl;
        b.sendEmail = a.sendEmail;
        b.startDate = a.startDate;
        b.endDate = a.endDate;
        b.dateRange = a.dateRange;
        b.projectStatus = a.projectStatus;
    }

    private void applyFields(RequestState r, ObjectNode b, boolean create) {
        if (b.has("description")) {
            r.description = textOrNull(b, "description");
        }
        if (b.has("isActive")) {
            r.isActive = bool(b, "isActive", true);
        }
        if (b.has("sendEmail")) {
            r.sendEmail = bool(b, "sendEmail", true);
        }
        if (b.has("scheduleInterval")) {
            String si = textOrNull(b, "scheduleInterval");
            if (si == null || !SCHEDULE_INTERVALS.contains(si)) {
                throw bad("scheduleInterval must be one of ONE_TIME, DAY, WEEK, MONTH, YEAR.");
            }
            r.scheduleInterval = si;
        }
        String ri = b.has("reoccuringInterval") ? "reoccuringInterval"
                : b.has("reoccurringInterval") ? "reoccurringInterval" : null;
        if (ri != null) {
            JsonNode v = b.get(ri);
            if (v == null || v.isNull()) {
                r.reoccuringInterval = null;
            } else if (v.canConvertToInt() && v.isIntegralNumber()
                    || v.isTextual() && v.asText().matches("-?\\d+")) {
                r.reoccuringInterval = v.asInt();
            } else {
                throw bad("reoccuringInterval must be an integer.");
            }
        }
        if (b.has("effectiveFrom")) {
            r.effectiveFrom = instant(b, "effectiveFrom");
        }
        if (b.has("effectiveTo")) {
            r.effectiveTo = instant(b, "effectiveTo");
        }
        if (b.has("serviceGroups")) {
            r.serviceGroups = serviceGroups(b.get("serviceGroups"));
        }
        if (b.has("callbackUrl")) {
            String cb = textOrNull(b, "callbackUrl");
            if (cb != null && !cb.isBlank()) {
                try {
                    URI u = URI.create(cb);
                    if (u.getScheme() == null || !u.getScheme().startsWith("http")) {
                        throw bad("callbackUrl must be an http(s) URL.");
                    }
                } catch (IllegalArgumentException e) {
                    throw bad("callbackUrl must be an http(s) URL.");
                }
            }
            r.callbackUrl = cb == null || cb.isBlank() ? null : cb;
        }
        if (b.has("projectId")) {
            String p = textOrNull(b, "projectId");
            r.projectId = p == null || p.isBlank() ? null : p;
        }
        if (b.has("projectIdList")) {
            r.projectIdList = projectIdList(b.get("projectIdList"));
        }
        if (b.has("startDate")) {
            r.startDate = dateString(b, "startDate");
        }
        if (b.has("endDate")) {
            r.endDate = dateString(b, "endDate");
        }
        if (b.has("dateRange")) {
            String d = textOrNull(b, "dateRange");
            if (d != null && !DATE_RANGES.contains(d)) {
                throw bad("dateRange must be one of " + String.join(", ", new java.util.TreeSet<>(DATE_RANGES))
                        + ".");
            }
            r.dateRange = d;
        }
        if (b.has("projectStatus")) {
            String p = textOrNull(b, "projectStatus");
            if (p != null && !PROJECT_STATUSES.contains(p)) {
                throw bad("projectStatus must be one of all, archived, active.");
            }
            r.projectStatus = p;
        }
        // cross-field rules
        if (!"ONE_TIME".equals(r.scheduleInterval)) {
            if (r.reoccuringInterval == null || r.reoccuringInterval <= 0) {
                throw bad("reoccuringInterval is required and must be a positive integer when scheduleInterval is "
                        + r.scheduleInterval + ".");
            }
            if (r.effectiveTo == null) {
                throw bad("effectiveTo is required when scheduleInterval is " + r.scheduleInterval + ".");
            }
        }
        if (r.effectiveFrom != null && r.effectiveTo != null && r.effectiveTo.isBefore(r.effectiveFrom)
                && !"ONE_TIME".equals(r.scheduleInterval)) {
            throw bad("effectiveTo must not be before effectiveFrom.");
        }
    }

    private static ApiError bad(String message) {
        return new ApiError(400, message, "BAD_REQUEST");
    }

    private static String textOrNull(ObjectNode b, String f) {
        JsonNode v = b.get(f);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw bad(f + " must be a string.");
        }
        return v.asText();
    }

    private static boolean bool(ObjectNode b, String f, boolean dflt) {
        JsonNode v = b.get(f);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
            return Boolean.parseBoolean(v.asText());
        }
        throw bad(f + " must be a boolean.");
    }

    private static Instant instant(ObjectNode b, String f) {
        String s = textOrNull(b, f);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return parseInstant(s);
        } catch (DateTimeParseException e) {
            throw bad(f + " must be an ISO 8601 date-time.");
        }
    }

    private static String dateString(ObjectNode b, String f) {
        String s = textOrNull(b, f);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            parseInstant(s);
        } catch (DateTimeParseException e) {
            throw bad(f + " must be an ISO 8601 date-time.");
        }
        return s;
    }

    static Instant parseInstant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return java.time.OffsetDateTime.parse(s).toInstant();
        }
    }

    private static List<String> serviceGroups(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            for (JsonNode n : v) {
                if (!n.isTextual()) {
                    throw bad("serviceGroups must be an array of strings.");
                }
                out.add(n.asText().trim());
            }
        } else if (v.isTextual()) {
            for (String s : v.asText().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        } else {
            throw bad("serviceGroups must be an array of strings.");
        }
        if (out.isEmpty()) {
            throw bad("serviceGroups must name at least one service group.");
        }
        for (String s : out) {
            if (!SERVICE_GROUPS.contains(s)) {
                throw bad("Unknown service group: " + s + ".");
            }
        }
        return out;
    }

    private List<String> projectIdList(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        JsonNode arr = v;
        if (v.isTextual()) {
            String s = v.asText().trim();
            if (s.isEmpty()) {
                return null;
            }
            if (s.startsWith("[")) {
                try {
                    arr = json.readTree(s);
                } catch (IOException e) {
                    throw bad("projectIdList must be an array of project ids.");
                }
            } else {
                List<String> out = new ArrayList<>();
                for (String p : s.split(",")) {
                    if (!p.isBlank()) {
                        out.add(p.trim());
                    }
                }
                return checkProjects(out);
            }
        }
        if (!arr.isArray()) {
            throw bad("projectIdList must be an array of project ids.");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : arr) {
            if (!n.isTextual()) {
                throw bad("projectIdList must be an array of project ids.");
            }
            out.add(n.asText());
        }
        return checkProjects(out);
    }

    private static List<String> checkProjects(List<String> ids) {
        if (ids.size() > 50) {
            throw bad("projectIdList may hold at most 50 project ids.");
        }
        return ids;
    }

    // ---------------------------------------------------------------- rendering

    private Map<String, Object> renderRequest(RequestState r) {
        return renderRequestRaw(r.raw());
    }

    private Map<String, Object> renderRequestRaw(Map<String, Object> raw) {
        return render(raw);
    }

    private Map<String, Object> renderJobRaw(Map<String, Object> raw) {
        return render(raw);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> render(Map<String, Object> raw) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Instant) {
                v = ISO_MILLIS.format((Instant) v);
            } else if (e.getKey().equals("projectIdList") && v != null && projectIdListAsString) {
                List<String> ids = (List<String>) v;
                StringBuilder sb = new StringBuilder("[ ");
                for (int i = 0; i < ids.size(); i++) {
                    sb.append(i == 0 ? "" : ", ").append('"').append(ids.get(i).replace("\\", "\\\\")
                            .replace("\"", "\\\"")).append('"');
                }
                v = sb.append(ids.isEmpty() ? "]" : " ]").toString();
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    private Map<String, Object> page(List<Map<String, Object>> raws, Map<String, List<String>> query,
                                     String projectIdParam, java.util.function.Function<Map<String, Object>,
            Map<String, Object>> renderer) {
        int limit = intParam(query, "limit", 20);
        int offset = intParam(query, "offset", 0);
        if (limit < 1) {
            throw bad("limit must be a positive integer.");
        }
        if (offset < 0) {
            throw bad("offset must not be negative.");
        }
        if (maxPageLimit > 0 && limit > maxPageLimit) {
            limit = maxPageLimit;
        }
        List<Map<String, Object>> list = new ArrayList<>(raws);
        // filters
        if (projectIdParam != null) {
            list.removeIf(m -> !matchesProject(m, projectIdParam));
        }
        for (Map.Entry<String, List<String>> q : query.entrySet()) {
            String k = q.getKey();
            if (!k.startsWith("filter[") || !k.endsWith("]")) {
                continue;
            }
            String field = k.substring(7, k.length() - 1);
            if (field.equals("reocurringInterval")) {
                field = "reoccuringInterval";
            }
            String value = q.getValue().get(0);
            String f = field;
            if (f.equals("projectId")) {
                if (!"null".equals(value)) {
                    list.removeIf(m -> !matchesProject(m, value));
                }
                continue;
            }
            if (list.stream().noneMatch(m -> m.containsKey(f)) && !list.isEmpty()) {
                continue; // invalid field: ignored
            }
            if (DATE_FIELDS.contains(f) && value.contains("..")) {
                int i = value.indexOf("..");
                Instant from = rangeEnd(value.substring(0, i), f);
                Instant to = rangeEnd(value.substring(i + 2), f);
                list.removeIf(m -> {
                    Instant t = asInstant(m.get(f));
                    return t == null || from != null && t.isBefore(from) || to != null && t.isAfter(to);
                });
            } else if (DATE_FIELDS.contains(f)) {
                Instant at = rangeEnd(value, f);
                list.removeIf(m -> !at.equals(asInstant(m.get(f))));
            } else {
                list.removeIf(m -> m.get(f) == null ? !"null".equals(value)
                        : !String.valueOf(m.get(f)).equalsIgnoreCase(value));
            }
        }
        // sorting
        String sort = first(query, "sort");
        boolean desc = "desc".equalsIgnoreCase(sort);
        Comparator<Map<String, Object>> cmp = null;
        String sortFields = first(query, "sortFields");
        if (sortFields != null) {
            for (String sf : sortFields.split(",")) {
                String s = sf.trim();
                boolean d = s.startsWith("-");
                String name = d ? s.substring(1).trim() : s;
                if (name.isEmpty() || list.stream().noneMatch(m -> m.containsKey(name))) {
                    continue;
                }
                Comparator<Map<String, Object>> c = Comparator.comparing(m -> (Comparable<Object>) comparable(
                        m.get(name)), Comparator.nullsLast(Comparator.naturalOrder()));
                if (d) {
                    c = Comparator.comparing(m -> (Comparable<Object>) comparable(m.get(name)),
                            Comparator.nullsLast(Comparator.<Comparable<Object>>naturalOrder().reversed()));
                }
                cmp = cmp == null ? c : cmp.thenComparing(c);
            }
        }
        Comparator<Map<String, Object>> byCreated = Comparator.comparing(m -> (Instant) m.get("createdAt"));
        if (desc) {
            byCreated = byCreated.reversed();
        }
        cmp = cmp == null ? byCreated : cmp.thenComparing(byCreated);
        list.sort(cmp);
        int total = list.size();
        List<Map<String, Object>> pageItems = offset >= total ? List.of()
                : list.subList(offset, Math.min(total, offset + limit));
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("limit", limit);
        pagination.put("offset", offset);
        pagination.put("totalResults", total);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pagination", pagination);
        out.put("results", pageItems.stream().map(renderer).toList());
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparable comparable(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Comparable) {
            return (Comparable) v;
        }
        return String.valueOf(v);
    }

    private static Instant asInstant(Object v) {
        if (v instanceof Instant) {
            return (Instant) v;
        }
        if (v instanceof String) {
            try {
                return parseInstant((String) v);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    private static Instant rangeEnd(String s, String field) {
        if (s.isBlank()) {
            return null;
        }
        try {
            return parseInstant(s.trim());
        } catch (DateTimeParseException e) {
            throw bad("filter[" + field + "] must be an ISO 8601 date-time or a range first..last.");
        }
    }

    @SuppressWarnings("unchecked")
    private static boolean matchesProject(Map<String, Object> m, String projectId) {
        if (projectId.equals(m.get("projectId"))) {
            return true;
        }
        Object l = m.get("projectIdList");
        return l instanceof List && ((List<String>) l).contains(projectId);
    }

    private static int intParam(Map<String, List<String>> q, String name, int dflt) {
        String v = first(q, name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw bad(name + " must be an integer.");
        }
    }

    private static String first(Map<String, List<String>> q, String name) {
        List<String> v = q.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int i = pair.indexOf('=');
            String k = i < 0 ? pair : pair.substring(0, i);
            String v = i < 0 ? "" : pair.substring(i + 1);
            try {
                k = URLDecoder.decode(k, StandardCharsets.UTF_8);
                v = URLDecoder.decode(v, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // keep raw
            }
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private Map<String, Object> errorBody(String message, String code) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("developerMessage", message);
        m.put("errorCode", code);
        m.put("moreInfo", "https://aps.autodesk.com/en/docs/acc/v1/reference/http/data-connector-requests-POST/");
        return m;
    }

    private String writeJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void sendJson(HttpExchange ex, int status, Object body, Map<String, String> headers) throws IOException {
        byte[] b = writeJson(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
        }
    }

    private static void sendXml(HttpExchange ex, int status, String xml) throws IOException {
        byte[] b = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/xml");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
        }
    }

    private static void sendEmpty(HttpExchange ex, int status) throws IOException {
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    // ================================================================ builder

    /** Builder; every setting has a sensible default. */
    public static final class Builder {
        private int port;
        private String accountId = "f9abf4c8-1f51-4b26-a6b7-6ac0639cb138";
        private Clock clock = Clock.systemUTC();
        private long seed = 42;
        private int threads = 8;
        private String userId = "ABCDEFGHI";
        private String userEmail = "joe.user@mycompany.com";
        private int createRequestStatus = 201;
        private Duration tickInterval = Duration.ofMillis(200);
        private int rowsPerTable = 25;
        private boolean trickyValues = true;
        private boolean utf8Bom;
        private boolean projectIdListAsString = true;
        private boolean fileSizeAsString = true;
        private int maxPageLimit = 100;
        private Duration queuedDuration = Duration.ofSeconds(2);
        private Duration runningDuration = Duration.ofSeconds(5);
        private Duration signedUrlTtl = Duration.ofSeconds(60);
        private int jobQuota = 24;
        private int rateLimitPerMinute;
        private boolean authRequired = true;
        private boolean acceptAnyAccount;
        private String accessToken;
        private List<String> extractTables;

        private Builder() {
        }

        /** 0 (default) = an ephemeral port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        /** Accept any account id in API paths (default false: others get 403). */
        public Builder acceptAnyAccount(boolean any) {
            this.acceptAnyAccount = any;
            return this;
        }

        /** The clock for job lifecycles, token and signed URL expiry (e.g. a {@link MutableClock}). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Seed for ids and extract content (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** createdBy / createdByEmail of requests and jobs. */
        public Builder user(String userId, String email) {
            this.userId = userId;
            this.userEmail = email;
            return this;
        }

        /** HTTP status of POST requests (default 201 as documented). */
        public Builder createRequestStatus(int status) {
            this.createRequestStatus = status;
            return this;
        }

        /** How often the background ticker spawns scheduled jobs and sends callbacks (default 200 ms). */
        public Builder tickInterval(Duration d) {
            this.tickInterval = d;
            return this;
        }

        public Builder rowsPerTable(int rows) {
            this.rowsPerTable = rows;
            return this;
        }

        /** Hostile CSV content (quotes, commas, newlines, non-ASCII, t/f booleans, " UTC" suffixes); default on. */
        public Builder trickyValues(boolean tricky) {
            this.trickyValues = tricky;
            return this;
        }

        /** Start CSVs with a UTF-8 BOM (default off). */
        public Builder utf8Bom(boolean bom) {
            this.utf8Bom = bom;
            return this;
        }

        /** Render projectIdList as a JSON-encoded string (the documented quirk; default true). */
        public Builder projectIdListAsString(boolean asString) {
            this.projectIdListAsString = asString;
            return this;
        }

        /** Render getJobFileUrl's size as a string (the documented example; default true). */
        public Builder fileSizeAsString(boolean asString) {
            this.fileSizeAsString = asString;
            return this;
        }

        /** Server-side cap of the page limit (default 100; &lt;= 0 = none). */
        public Builder maxPageLimit(int cap) {
            this.maxPageLimit = cap;
            return this;
        }

        public Builder jobDurations(Duration queued, Duration running) {
            this.queuedDuration = queued;
            this.runningDuration = running;
            return this;
        }

        /** Jobs complete as soon as they are spawned. */
        public Builder instantJobs() {
            return jobDurations(Duration.ZERO, Duration.ZERO);
        }

        public Builder signedUrlTtl(Duration ttl) {
            this.signedUrlTtl = ttl;
            return this;
        }

        /** Jobs per 24 h per account (default 24; &lt;= 0 = unlimited). */
        public Builder jobQuota(int quota) {
            this.jobQuota = quota;
            return this;
        }

        /** Calls per minute per token (default 0 = off; the real API allows 60). */
        public Builder rateLimitPerMinute(int perMinute) {
            this.rateLimitPerMinute = perMinute;
            return this;
        }

        /** false = relaxed mode: no bearer token needed. */
        public Builder authRequired(boolean required) {
            this.authRequired = required;
            return this;
        }

        /** The default access token to accept (otherwise random; see {@link #defaultAccessToken()}). */
        public Builder accessToken(String token) {
            this.accessToken = token;
            return this;
        }

        /** Restrict extracts to these built-in tables (default: by the request's service groups). */
        public Builder extractTables(List<String> tableNames) {
            this.extractTables = tableNames == null ? null : List.copyOf(tableNames);
            return this;
        }

        public DataConnectorSimulator build() {
            return new DataConnectorSimulator(this);
        }
    }
}
