package io.dataconnector.camel.etl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse contract against DuckDB (the embedded default), Appender path, a file in a temp dir. */
class DuckDbWarehouseLoaderTest extends WarehouseLoaderContract {

    @TempDir
    static Path dbDir;

    HikariDataSource ds;

    @Override
    DataSource dataSource() {
        if (ds == null) {
            HikariConfig cfg = new HikariConfig();
            cfg.setJdbcUrl("jdbc:duckdb:" + dbDir.resolve("wh-" + System.nanoTime() + ".duckdb"));
            cfg.setMaximumPoolSize(2);
            ds = new HikariDataSource(cfg);
        }
        return ds;
    }

    @AfterEach
    void close() {
        if (ds != null) {
            ds.close();
        }
    }

    @Override
    Dialect dialect() {
        return new DuckDbDialect();
    }

    @Override
    void assertTyped(Map<String, String> t) {
        assertThat(t).containsEntry("id", "uuid").containsEntry("name", "varchar").containsEntry("active", "boolean")
                .containsEntry("created_at", "timestamp").containsEntry("amount", "decimal(38,2)");
    }

    @Override
    void assertExactNumbers(String id, String amount) {
        assertThat(id).isEqualTo("37499");
        assertThat(amount).isEqualTo("1000.0000");
    }
}
