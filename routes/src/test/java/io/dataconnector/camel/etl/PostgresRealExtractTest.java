package io.dataconnector.camel.etl;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link RealExtractEndToEndTest} into a real PostgreSQL. */
class PostgresRealExtractTest extends RealExtractEndToEndTest {

    static EmbeddedPostgres pg;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    String warehouseUrl() {
        return pg.getJdbcUrl("postgres", "postgres");
    }

    @Override
    String warehouseUser() {
        return "postgres";
    }

    @Override
    String warehousePassword() {
        return "postgres";
    }
}
