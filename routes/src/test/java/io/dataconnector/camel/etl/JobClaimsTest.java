package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataconnector.camel.etl.warehouse.GenericJdbcDialect;
import io.dataconnector.camel.etl.warehouse.LoadResult;
import io.dataconnector.camel.etl.warehouse.WarehouseLoader;
import io.dataconnector.camel.etl.warehouse.WarehouseSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.camel.impl.DefaultCamelContext;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Job claims on a real (in-memory H2) database: two owners, lease expiry and takeover, the history as "done". */
class JobClaimsTest {

    private final JdbcDataSource ds = new JdbcDataSource();
    private final DefaultCamelContext context = new DefaultCamelContext();
    private WarehouseLoader loader;

    @BeforeEach
    void setUp() throws Exception {
        ds.setURL("jdbc:h2:mem:claims" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        loader = new WarehouseLoader(ds, new GenericJdbcDialect(10),
                new WarehouseSettings("wh", "dc_load_history", false, "refill", 10));
        loader.initialize();
        context.start();
    }

    @AfterEach
    void tearDown() {
        context.stop();
    }

    private JobClaims claims(long leaseMillis, boolean heartbeat) {
        JobClaims c = new JobClaims(context, ds, loader, "wh", leaseMillis, heartbeat);
        c.start();
        return c;
    }

    private Timestamp leaseOf(String jobId) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT lease_until FROM \"wh\".\"dc_job_claims\" WHERE job_id = '" + jobId
                                           + "'")) {
            return rs.next() ? rs.getTimestamp(1) : null;
        }
    }

    @Test
    void aLiveClaimExcludesAnotherOwnerAndAnExpiredOneIsTakenOverOnce() {
        JobClaims a = claims(60_000, false);
        JobClaims b = claims(60_000, false);
        JobClaims c = claims(60_000, false);
        assertThat(a.add("job-1")).isTrue();
        assertThat(b.contains("job-1")).as("claimed by a live owner").isTrue();
        assertThat(b.add("job-1")).isFalse();

        // a stops renewing (killed): after the lease, the others see the job as free; only one takes it over
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(61));
        b.setClock(later);
        c.setClock(later);
        assertThat(b.contains("job-1")).isFalse();
        assertThat(b.add("job-1")).isTrue();
        assertThat(c.add("job-1")).as("the new claim is live").isFalse();
        assertThat(a.remove("job-1")).as("the old owner no longer holds it").isFalse();

        assertThat(b.confirm("job-1")).isTrue();
        assertThat(c.contains("job-1")).as("released and not done: free again").isFalse();
        a.stop();
        b.stop();
        c.stop();
    }

    @Test
    void theLoadHistoryDecidesWhatIsDone() {
        JobClaims a = claims(60_000, false);
        Instant now = Instant.now();
        loader.recordJobDone(new LoadResult("job-2", null, JobPlanner.JOB_MARKER, null, LoadResult.Status.LOADED, 5, 0,
                now, now, null), now);
        assertThat(a.contains("job-2")).isTrue();
        assertThat(a.add("job-2")).as("done: not claimed").isFalse();
        assertThat(a.contains("job-3")).isFalse();
        a.stop();
    }

    @Test
    void theOwnerRenewsItsLeaseWhileItLives() throws Exception {
        JobClaims a = claims(1000, true);
        assertThat(a.add("job-4")).isTrue();
        Timestamp first = leaseOf("job-4");
        await().atMost(Duration.ofSeconds(10)).until(() -> leaseOf("job-4").after(first));
        assertThat(leaseOf("job-4").toLocalDateTime())
                .isAfter(java.time.LocalDateTime.now(ZoneOffset.UTC).minusSeconds(1));
        a.stop();
        assertThat(leaseOf("job-4")).as("released when the owner stops").isNull();
    }
}
