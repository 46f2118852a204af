package io.dataconnector.camel.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataconnector.camel.simulator.SimState.JobState;
import io.dataconnector.camel.simulator.SimState.RequestState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.KeyStore;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * A stateful loopback simulator of the Autodesk Construction Cloud Data Connector API.
 * <pre>{@code
 * try (DataConnectorSimulator sim = DataConnectorSimulator.builder().instantJobs().build().start()) {
 *     String token = sim.defaultAccessToken();
 *     SimJob job = sim.seedCompleteSuccessJob();
 *     // GET sim.apiBaseUrl() + "/jobs/" + job.id() + "/data-listing" with "Authorization: Bearer " + token
 * }
 * }</pre>
 * This class is the public face: it wires the parts together (see the module README) and lets tests set up,
 * inspect and steer them.
 */
public final class DataConnectorSimulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DataConnectorSimulator.class.getName());

    private final int requestedPort;
    private final int threads;
    private final Duration tickInterval;
    private final SSLContext tls;
    private final Clock clock;
    private final SimulatorSettings settings;
    private final TokenService tokens;
    private final String defaultAccessToken;
    private final Faults faults = new Faults();
    private final RequestRecorder recorder = new RequestRecorder();
    private final CallbackSender callbacks;
    private final SimulatorState state;
    private final Seeder seeder;
    private final JobExtracts extracts;
    private final SignedUrls signedUrls;
    private final SimulatorHttpHandler httpHandler;

    private LoopbackServer server;
    private BackgroundTicker ticker;
    private volatile String baseUrl;

    /** A job-completion callback the simulator POSTed (or tried to). */
    public record CallbackRecord(String url, String body, int status, String error) {
    }

    private DataConnectorSimulator(Builder b) {
        this.requestedPort = b.port;
        this.threads = b.threads;
        this.tickInterval = b.tickInterval;
        this.tls = b.tls;
        this.clock = b.clock;
        this.settings = settingsOf(b);
        this.tokens = new TokenService(clock);
        this.defaultAccessToken = b.accessToken != null ? b.accessToken : tokens.newOpaqueToken(24);
        tokens.registerAccessToken(defaultAccessToken, null);
        this.callbacks = new CallbackSender(settings.accountId);
        this.state = new SimulatorState(settings, clock, callbacks);
        this.seeder = new Seeder(state, settings, clock);
        this.extracts = new JobExtracts(settings);
        this.signedUrls = new SignedUrls(settings);
        JsonViews views = new JsonViews(settings);
        ApiRouter router = new ApiRouter(state, clock, new RequestsApi(state, settings, views),
                new JobsApi(state, settings, views), new DataApi(state, extracts, signedUrls, views));
        this.httpHandler = new SimulatorHttpHandler(clock, recorder, state, faults, new TokenEndpoint(tokens),
                new StorageHandler(state, extracts, signedUrls, clock),
                new ApiGate(settings, tokens, new RateLimiter(settings, clock)), router, new SchemaDocApi(settings));
    }

    private static SimulatorSettings settingsOf(Builder b) {
        SimulatorSettings s = new SimulatorSettings();
        s.accountId = b.accountId;
        s.seed = b.seed;
        s.userId = b.userId;
        s.userEmail = b.userEmail;
        s.createRequestStatus = b.createRequestStatus;
        s.rowsPerTable = b.rowsPerTable;
        s.trickyValues = b.trickyValues;
        s.utf8Bom = b.utf8Bom;
        s.projectIdListAsString = b.projectIdListAsString;
        s.fileSizeAsString = b.fileSizeAsString;
        s.maxPageLimit = b.maxPageLimit;
        s.queuedDuration = b.queuedDuration;
        s.runningDuration = b.runningDuration;
        s.signedUrlTtl = b.signedUrlTtl;
        s.jobQuota = b.jobQuota;
        s.rateLimitPerMinute = b.rateLimitPerMinute;
        s.authRequired = b.authRequired;
        s.acceptAnyAccount = b.acceptAnyAccount;
        s.extractTables = b.extractTables;
        s.fullExtract = b.fullExtract;
        s.legacySchemaFiles = b.legacySchemaFiles;
        s.region = b.region;
        return s;
    }

    public static Builder builder() {
        return new Builder();
    }

    // ================================================================ lifecycle

    /** Binds to 127.0.0.1 and starts serving (HTTP, or HTTPS when configured). Returns this. */
    public DataConnectorSimulator start() {
        server = LoopbackServer.start(requestedPort, threads, tls, httpHandler);
        baseUrl = server.baseUrl();
        signedUrls.setBaseUrl(baseUrl);
        tokens.setOwnTokenUrl(baseUrl + ApiPaths.TOKEN_PATH);
        callbacks.start();
        ticker = new BackgroundTicker(tickInterval, this::tick);
        LOG.log(System.Logger.Level.INFO, "Data Connector simulator listening on {0} (account {1})", baseUrl,
                settings.accountId);
        return this;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.stop();
        }
        if (server != null) {
            server.stop();
        }
    }

    /** e.g. {@code http://127.0.0.1:34567} or {@code https://127.0.0.1:34567} (no trailing slash). */
    public String baseUrl() {
        if (baseUrl == null) {
            throw new IllegalStateException("simulator not started");
        }
        return baseUrl;
    }

    /** {@code baseUrl()/data-connector/v1/accounts/{accountId}}. */
    public String apiBaseUrl() {
        return baseUrl() + ApiPaths.API_PREFIX + settings.accountId;
    }

    /** {@code baseUrl()/authentication/v2/token}. */
    public String tokenUrl() {
        return baseUrl() + ApiPaths.TOKEN_PATH;
    }

    public int port() {
        return server.port();
    }

    public String accountId() {
        return settings.accountId;
    }

    public Clock clock() {
        return clock;
    }

    // ================================================================ auth

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
        settings.authRequired = required;
    }

    // ================================================================ runtime settings

    public void setSignedUrlTtl(Duration ttl) {
        settings.signedUrlTtl = ttl;
    }

    public void setMaxPageLimit(int cap) {
        settings.maxPageLimit = cap;
    }

    /** Jobs per 24 h per account; &lt;= 0 = unlimited. */
    public void setJobQuota(int quota) {
        settings.jobQuota = quota;
    }

    /** Calls per minute per token; &lt;= 0 = off. */
    public void setRateLimitPerMinute(int perMinute) {
        settings.rateLimitPerMinute = perMinute;
    }

    public void setProjectIdListAsString(boolean asString) {
        settings.projectIdListAsString = asString;
    }

    /** Durations of new jobs in state queued and running (ZERO + ZERO = complete at once). */
    public void setJobDurations(Duration queued, Duration running) {
        settings.queuedDuration = queued;
        settings.runningDuration = running;
    }

    public void setRowsPerTable(int rows) {
        settings.rowsPerTable = rows;
        state.invalidateExtracts();
    }

    public void setTrickyValues(boolean tricky) {
        settings.trickyValues = tricky;
        state.invalidateExtracts();
    }

    public void setUtf8Bom(boolean bom) {
        settings.utf8Bom = bom;
        state.invalidateExtracts();
    }

    /** Restrict extracts to these catalogue tables (null = by the request's service groups). */
    public void setExtractTables(List<String> tableNames) {
        settings.extractTables = tableNames == null ? null : List.copyOf(tableNames);
        state.invalidateExtracts();
    }

    /** true = extracts hold the full catalogue (about 300 tables) instead of the representative one. */
    public void setFullExtract(boolean full) {
        settings.fullExtract = full;
        state.invalidateExtracts();
    }

    /** true = extracts also hold the invented schema_&lt;table&gt;.json files of earlier versions (default off). */
    public void setLegacySchemaFiles(boolean legacy) {
        settings.legacySchemaFiles = legacy;
        state.invalidateExtracts();
    }

    // ================================================================ faults & recording

    public Faults faults() {
        return faults;
    }

    public List<RecordedRequest> recordedRequests() {
        return recorder.all();
    }

    /** Recorded requests with this method (null = any) whose path matches the regex (find). */
    public List<RecordedRequest> recordedRequests(String method, String pathRegex) {
        return recorder.matching(method, pathRegex);
    }

    public List<RecordedRequest> recordedRequests(Operation op) {
        return recorder.of(op);
    }

    /** Number of Data Connector API calls received (not token, not downloads). */
    public int apiCallCount() {
        return recorder.apiCallCount();
    }

    public void clearRecordedRequests() {
        recorder.clear();
    }

    public List<CallbackRecord> callbacks() {
        return callbacks.sent();
    }

    // ================================================================ requests & jobs

    public List<SimRequest> requests() {
        synchronized (state.lock) {
            return state.liveRequests().stream().map(RequestState::snapshot).toList();
        }
    }

    public Optional<SimRequest> request(String id) {
        synchronized (state.lock) {
            return Optional.ofNullable(state.liveRequest(id)).map(RequestState::snapshot);
        }
    }

    public List<SimJob> jobs() {
        synchronized (state.lock) {
            Instant now = clock.instant();
            state.advanceAll(now);
            return state.jobs().stream().map(j -> j.snapshot(now)).toList();
        }
    }

    public Optional<SimJob> job(String id) {
        synchronized (state.lock) {
            Instant now = clock.instant();
            JobState j = state.job(id);
            if (j == null) {
                return Optional.empty();
            }
            state.advance(j, now);
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
        ObjectNode node = Json.MAPPER.valueToTree(body);
        synchronized (state.lock) {
            Instant now = clock.instant();
            RequestState r = state.newRequest(node, now);
            state.activate(r, now, false);
            return r.snapshot();
        }
    }

    /** An active ONE_TIME request (all service groups) with no job yet. */
    public SimRequest seedRequest() {
        return seeder.seedRequest();
    }

    /**
     * An active ONE_TIME request of another account, with no job yet: with {@link Builder#acceptAnyAccount(boolean)}
     * one simulator serves several accounts, and GET jobs of an account lists only that account's jobs.
     */
    public SimRequest seedRequest(String accountId) {
        return seeder.seedRequest(accountId);
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
        return seeder.seedJob(requestId, status, completionStatus, createdAt);
    }

    /** Convenience: a seeded request plus a complete/success job created ten minutes ago. */
    public SimJob seedCompleteSuccessJob() {
        SimRequest r = seedRequest();
        return seedCompletedJob(r.id(), "success", clock.instant().minus(Duration.ofMinutes(10)));
    }

    /** Spawns a job for the request now (e.g. the next run of a recurring request); not quota-checked. */
    public SimJob spawnJob(String requestId) {
        synchronized (state.lock) {
            RequestState r = state.requireRequest(requestId);
            Instant now = clock.instant();
            return state.spawn(r, now).snapshot(now);
        }
    }

    /** Completes a job now with its planned outcome (success unless {@link #failNextJobs}). */
    public SimJob completeJobNow(String jobId) {
        return state.finish(jobId, null);
    }

    /** Completes a job now as failed. */
    public SimJob failJob(String jobId) {
        return state.finish(jobId, "failed");
    }

    /** Completes a job now as cancelled (like DELETE jobs/{id}). */
    public SimJob cancelJob(String jobId) {
        return state.finish(jobId, "cancelled");
    }

    /** The next {@code n} spawned jobs will complete as failed. */
    public void failNextJobs(int n) {
        state.failNextJobs(n);
    }

    /** Spawns scheduled jobs and moves jobs along their lifecycle according to the clock (also done on each call). */
    public void tick() {
        state.tick();
    }

    // ================================================================ extracts

    public List<ExtractFileInfo> jobFiles(String jobId) {
        synchronized (state.lock) {
            return extracts.of(state.requireJob(jobId)).listing();
        }
    }

    /** The content of one extract file (reads streamed sources fully: use for small files). */
    public byte[] jobFileBytes(String jobId, String name) {
        ContentSource c;
        synchronized (state.lock) {
            Extract.Entry e = extracts.of(state.requireJob(jobId)).get(name);
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
        synchronized (state.lock) {
            JobState j = state.requireJob(jobId);
            j.customFiles.put(name, content);
            j.extract = null;
        }
    }

    public void putJobFile(String jobId, String name, byte[] content) {
        putJobFile(jobId, name, ContentSource.of(content));
    }

    /** Replaces (or adds) a table's CSV and schema in one job's extract; columns null = all "string". */
    public void putJobTable(String jobId, String table, String csv, List<SchemaColumn> columns) {
        synchronized (state.lock) {
            JobState j = state.requireJob(jobId);
            j.customTables.put(table, new ExtractGenerator.TableOverride(csv, columns));
            j.extract = null;
        }
    }

    /** Adds an entry to one job's ZIP only (e.g. a hostile name like {@code ../../evil.csv}). */
    public void putZipEntry(String jobId, String entryName, byte[] content) {
        synchronized (state.lock) {
            JobState j = state.requireJob(jobId);
            j.extraZipEntries.put(entryName, content.clone());
            j.extract = null;
        }
    }

    /** Adds a file to every job's extract. */
    public void putCustomFile(String name, ContentSource content) {
        synchronized (state.lock) {
            extracts.putCustomFile(name, content);
            state.invalidateExtracts();
        }
    }

    /** Replaces (or adds) a table's CSV and schema in every job's extract. */
    public void putCustomTable(String table, String csv, List<SchemaColumn> columns) {
        synchronized (state.lock) {
            extracts.putCustomTable(table, new ExtractGenerator.TableOverride(csv, columns));
            state.invalidateExtracts();
        }
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
        private boolean utf8Bom = true;
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
        private boolean fullExtract;
        private boolean legacySchemaFiles;
        private String region = "US";
        private SSLContext tls;

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

        /** Start CSVs and metadata.csv with a UTF-8 BOM, as real extracts do (default on). */
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

        /** Restrict extracts to these catalogue tables (default: by the request's service groups). */
        public Builder extractTables(List<String> tableNames) {
            this.extractTables = tableNames == null ? null : List.copyOf(tableNames);
            return this;
        }

        /**
         * Extracts hold the full catalogue, about 300 tables as a real full extract (default false: about 50
         * representative tables). The tables beyond the representative ones get at most 5 rows each.
         */
        public Builder fullExtract(boolean full) {
            this.fullExtract = full;
            return this;
        }

        /**
         * Also write the invented per-table {@code schema_<table>.json} files of earlier simulator versions into
         * the listing and the ZIP root (default false: real extracts have none).
         */
        public Builder legacySchemaFiles(boolean legacy) {
            this.legacySchemaFiles = legacy;
            return this;
        }

        /** metadata.csv's region, {@code US} (default) or {@code EMEA}. */
        public Builder region(String region) {
            if (!"US".equals(region) && !"EMEA".equals(region)) {
                throw new IllegalArgumentException("region must be US or EMEA, got: " + region);
            }
            this.region = region;
            return this;
        }

        /**
         * Serve HTTPS with this server context instead of HTTP; {@link #baseUrl()} and the signed URLs then start
         * with {@code https://127.0.0.1:}. For tests, {@link SelfSignedCertificate#generate} makes a certificate
         * for 127.0.0.1 and localhost.
         */
        public Builder https(SSLContext serverContext) {
            this.tls = serverContext;
            return this;
        }

        /** Serve HTTPS with the private key and certificate in this key store (e.g. a PKCS12 file). */
        public Builder https(KeyStore keyStore, char[] password) {
            return https(TlsContexts.server(keyStore, password));
        }

        public DataConnectorSimulator build() {
            return new DataConnectorSimulator(this);
        }
    }
}
