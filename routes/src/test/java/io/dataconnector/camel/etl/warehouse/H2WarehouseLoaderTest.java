package io.dataconnector.camel.etl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The warehouse contract through the generic JDBC dialect (batched inserts, refill swap), on in-memory H2. */
class H2WarehouseLoaderTest extends WarehouseLoaderContract {

    final JdbcDataSource ds = new JdbcDataSource();

    {
        ds.setURL("jdbc:h2:mem:wh" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    }

    @Override
    DataSource dataSource() {
        return ds;
    }

    @Override
    Dialect dialect() {
        return new GenericJdbcDialect(2);
    }

    @Override
    void assertTyped(Map<String, String> t) {
        assertThat(t).containsEntry("id", "character varying").containsEntry("active", "boolean")
                .containsEntry("created_at", "timestamp").containsEntry("amount", "double precision");
    }
}
