package io.dataconnector.camel.etl;

import io.dataconnector.camel.etl.warehouse.Identifiers;
import io.dataconnector.camel.etl.warehouse.LoadHistory;
import io.dataconnector.camel.etl.warehouse.WarehouseLoader;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The completed-job consumer's idempotent repository ({@code #dcEtlJobRepository}): a claim on a job while one process
 * loads it, and the load history as the record of what is done.
 * <p>
 * Design. Two facts are kept apart:
 * <ul>
 * <li><b>done</b> is read from the load history only: a job is done when its job row ({@code file_name = '*'}) is
 * {@code success}, {@code superseded}, {@code gone} or {@code quarantined}. That row is written after the job's
 * tables, each of which commits its own history row with its swap, so the history cannot say "done" for a job that is
 * not;</li>
 * <li><b>being loaded</b> is a claim row in {@code <warehouse.schema>.dc_job_claims} (job id primary key, owner, lease
 * end). The owner (one id per process: {@code pid@host/random}) renews the lease of its claims every quarter lease
 * ({@code etl.claim-lease}, default 120 s) from a heartbeat thread while it lives, and deletes the claim when the load
 * ends, successfully or not (a failure is counted in the history; the next poll retries until
 * {@code etl.max-attempts}).</li>
 * </ul>
 * So a claim cannot outlive its owner by more than one lease: after a {@code kill -9}, the heartbeat stops, the lease
 * runs out, {@link #contains(String)} answers false again and the next healthy poll (of any instance, including the
 * restarted one) takes the claim over ({@code UPDATE … WHERE lease_until < now}: only one taker wins) and loads what the
 * history says is missing; tables loaded before the crash are not loaded again. Two live instances never load the
 * same job at once: the claim is a primary-key insert (or a conditional takeover) that exactly one of them wins, and
 * the winner checks the history after winning, so a job finished by the other instance just before is not loaded
 * twice. Should a stalled owner (e.g. a GC pause longer than the lease) wake up after its claim was taken over, each
 * table still loads once: its history row is written in the swap's transaction under a primary key.
 * <p>
 * Leases compare timestamps of the instances' own clocks (UTC): keep the nodes' clocks synchronised (NTP) well within a
 * lease. With DuckDB (one process per database file) there is no heartbeat: the warehouse's single connection is busy
 * during a load, and no other process can contest the claim anyway; a crashed process's claim still expires after a
 * lease. Earlier versions claimed jobs in camel-sql's {@code CAMEL_MESSAGEPROCESSED}; that table is no longer read.
 */
public class JobClaims extends ServiceSupport implements IdempotentRepository {

    /** The claims table, in the warehouse schema. */
    public static final String TABLE = "dc_job_claims";

    private volatile java.util.function.Consumer<String> settledListener = id -> { };
    private volatile boolean runOnce;

    private static final Logger LOG = LoggerFactory.getLogger(JobClaims.class);

    private final CamelContext context;
    private final DataSource dataSource;
    private final WarehouseLoader loader;
    private final String table;
    private final long leaseMillis;
    private final boolean heartbeat;
    private final String owner;
    private final Set<String> held = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private Clock clock = Clock.systemUTC();
    private ScheduledExecutorService heartbeats;
    private volatile boolean tableReady;

    /**
     * @param leaseMillis how long a claim lives without a renewal (ms, at least 1000)
     * @param heartbeat   whether to renew the leases of claims held (false for an embedded single-process warehouse)
     */
    public JobClaims(CamelContext context, DataSource dataSource, WarehouseLoader loader, String schema,
                     long leaseMillis, boolean heartbeat) {
        if (leaseMillis < 1000) {
            throw new IllegalArgumentException("etl.claim-lease must be at least 1000 ms, was " + leaseMillis);
        }
        this.context = context;
        this.dataSource = dataSource;
        this.loader = loader;
        this.table = Identifiers.qualified(schema, TABLE);
        this.leaseMillis = leaseMillis;
        this.heartbeat = heartbeat;
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Creates the claims table when missing (the schema exists: the load history created it). Called on first use, so
     * a warehouse only ever loaded in run-once mode, which claims nothing, has no such table.
     */
    private void ensureTable(Connection c) throws SQLException {
        if (tableReady) {
            return;
        }
        synchronized (this) {
            if (!tableReady) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS " + table + " (job_id VARCHAR(64) NOT NULL PRIMARY KEY, "
                              + "owner VARCHAR(200) NOT NULL, claimed_at TIMESTAMP NOT NULL, "
                              + "lease_until TIMESTAMP NOT NULL)");
                }
                tableReady = true;
            }
        }
    }

    /** This process's owner id, as written in the claims it holds. */
    /**
     * Run-once mode: the load history alone decides (as the run-once discovery always did): a claim left by a process
     * that was killed is taken over at once instead of after its lease. Run-once processes are started by a scheduler
     * that does not overlap them; a continuous instance next to them keeps its own lease.
     */
    public void setRunOnce(boolean runOnce) {
        this.runOnce = runOnce;
    }

    /** Told of each job the consumer skips because the load history says it is done (e.g. for a run's summary). */
    public void setSettledListener(java.util.function.Consumer<String> listener) {
        this.settledListener = listener == null ? id -> { } : listener;
    }

    public String owner() {
        return owner;
    }

    void setClock(Clock clock) {
        this.clock = clock;
    }

    /**
     * Claims a job: inserts the claim, or takes over one whose lease ran out. Then checks the load history: a job done
     * meanwhile is released at once.
     *
     * @return whether this process now holds the claim and the job still needs loading
     */
    @Override
    public boolean add(String jobId) {
        boolean claimed;
        // one connection at a time (DuckDB's pool has one): the claim's is closed before the history is read
        try (Connection c = connect()) {
            LocalDateTime now = now();
            claimed = insert(c, jobId, now);
            if (!claimed && (runOnce || liveOwner(c, jobId, now) == null)) {
                claimed = takeOver(c, jobId, now);
                if (claimed) {
                    LOG.info("Job {}: took over a claim whose lease had run out (its owner stopped renewing it)",
                            jobId);
                }
            }
        } catch (SQLException e) {
            LOG.warn("Job {} could not be claimed: {}", jobId, e.getMessage());
            return false;
        }
        if (!claimed) {
            return false; // held by a live owner, or taken over by another instance first
        }
        held.add(jobId);
        startHeartbeat();
        try {
            if (!isDone(jobId)) {
                return true;
            }
        } catch (SQLException e) {
            LOG.warn("Job {}: cannot read the load history; the claim is released: {}", jobId, e.getMessage());
        }
        release(jobId);
        return false;
    }

    /** @return whether the job is done (load history) or claimed by a live owner (lease not run out) */
    @Override
    public boolean contains(String jobId) {
        try {
            if (isDone(jobId)) {
                settledListener.accept(jobId);
                return true;
            }
            if (runOnce) {
                return false;
            }
            try (Connection c = connect()) {
                return liveOwner(c, jobId, now()) != null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the claim of job " + jobId + ": " + e.getMessage(), e);
        }
    }

    /** Releases this process's claim after a failed load (the history counts the attempt). */
    @Override
    public boolean remove(String jobId) {
        return release(jobId);
    }

    /** Releases this process's claim after a load: the load history, not the claim, records what is done. */
    @Override
    public boolean confirm(String jobId) {
        return release(jobId);
    }

    /** Releases every claim this process holds. */
    @Override
    public void clear() {
        for (String jobId : Set.copyOf(held)) {
            release(jobId);
        }
    }

    private boolean isDone(String jobId) throws SQLException {
        String status = loader.status(jobId, LoadHistory.JOB_FILE);
        return LoadHistory.SUCCESS.equals(status) || LoadHistory.SUPERSEDED.equals(status)
               || LoadHistory.GONE.equals(status) || LoadHistory.QUARANTINED.equals(status);
    }

    private boolean insert(Connection c, String jobId, LocalDateTime now) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (job_id, owner, claimed_at, "
                                                       + "lease_until) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, jobId);
            ps.setString(2, owner);
            ps.setTimestamp(3, Timestamp.valueOf(now));
            ps.setTimestamp(4, Timestamp.valueOf(now.plusNanos(leaseMillis * 1_000_000L)));
            return ps.executeUpdate() == 1;
        } catch (SQLException duplicate) {
            return false; // the primary key: claimed before (by a live or a dead owner)
        }
    }

    private String liveOwner(Connection c, String jobId, LocalDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT owner FROM " + table
                                                       + " WHERE job_id = ? AND lease_until >= ?")) {
            ps.setString(1, jobId);
            ps.setTimestamp(2, Timestamp.valueOf(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private boolean takeOver(Connection c, String jobId, LocalDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET owner = ?, claimed_at = ?, "
                                                       + "lease_until = ? WHERE job_id = ? AND lease_until < ?")) {
            ps.setString(1, owner);
            ps.setTimestamp(2, Timestamp.valueOf(now));
            ps.setTimestamp(3, Timestamp.valueOf(now.plusNanos(leaseMillis * 1_000_000L)));
            ps.setString(4, jobId);
            ps.setTimestamp(5, Timestamp.valueOf(runOnce ? now.plusYears(100) : now));
            return ps.executeUpdate() == 1;
        }
    }

    private boolean release(String jobId) {
        held.remove(jobId);
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE job_id = ? AND owner = ?")) {
            ps.setString(1, jobId);
            ps.setString(2, owner);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            LOG.warn("Job {}: could not release its claim (it expires after etl.claim-lease): {}", jobId,
                    e.getMessage());
            return false;
        }
    }

    /** Extends the lease of every claim this process holds. */
    void renew() {
        if (held.isEmpty()) {
            return;
        }
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET lease_until = ? WHERE owner = ?")) {
            ps.setTimestamp(1, Timestamp.valueOf(now().plusNanos(leaseMillis * 1_000_000L)));
            ps.setString(2, owner);
            int n = ps.executeUpdate();
            if (n < held.size()) {
                LOG.warn("Renewed {} of the {} job claim(s) held: a claim was taken over after its lease ran out "
                         + "(this process stalled for longer than etl.claim-lease?)", n, held.size());
            }
        } catch (SQLException e) {
            LOG.warn("Could not renew the job claims held ({}): {}", held, e.getMessage());
        }
    }

    private synchronized void startHeartbeat() {
        if (heartbeat && heartbeats == null && isRunAllowed()) {
            long every = Math.max(250, leaseMillis / 4);
            heartbeats = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "dc-etl-claims");
            heartbeats.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private Connection connect() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(true);
            ensureTable(c);
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    @Override
    protected void doStart() {
        LOG.info("Job claims: owner {}, lease {} ms{}", owner, leaseMillis, heartbeat ? "" : " (no heartbeat)");
    }

    @Override
    protected void doStop() {
        ScheduledExecutorService h;
        synchronized (this) {
            h = heartbeats;
            heartbeats = null;
        }
        if (h != null) {
            context.getExecutorServiceManager().shutdownNow(h);
        }
        clear();
    }
}
