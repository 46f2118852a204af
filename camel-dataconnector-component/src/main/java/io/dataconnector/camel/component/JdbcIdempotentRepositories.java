package io.dataconnector.camel.component;

import javax.sql.DataSource;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.spi.IdempotentRepository;

/**
 * Creates the durable repository of the jobs consumer's {@code dataSource} option. Kept apart so that camel-sql (an
 * optional dependency) is loaded only when that option is used.
 */
final class JdbcIdempotentRepositories {

    private JdbcIdempotentRepositories() {
    }

    /**
     * A camel-sql {@link JdbcMessageIdRepository} on table {@code CAMEL_MESSAGEPROCESSED} (created when missing, with
     * the primary key (processorName, messageId) that makes a second claim of the same job id fail).
     */
    static IdempotentRepository create(DataSource dataSource, String processorName) {
        return new JdbcMessageIdRepository(dataSource, processorName);
    }
}
