package io.dataconnector.camel.component;

import org.apache.camel.spi.IdempotentRepository;

/**
 * The idempotent repository in which a completed-job consumer ({@code jobs} or {@code callback}) claims job ids: the
 * configured {@code idempotentRepository}, or a camel-sql one created for the {@code dataSource} option (then owned,
 * i.e. started and stopped by the consumer). Consumers given the same repository, or the same dataSource and
 * processorName, process each job once between them.
 *
 * @param repository the repository
 * @param owned      true when it was created here and must be stopped with the consumer
 */
record JobClaimRepository(IdempotentRepository repository, boolean owned) {

    /**
     * @param  consumer                 the consumer's name for errors, e.g. {@code dataconnector:jobs}
     * @throws IllegalArgumentException naming both options when neither is set
     * @throws IllegalStateException    when dataSource is set but camel-sql is missing
     */
    static JobClaimRepository of(DataConnectorConfiguration config, String consumer) {
        if (config.getIdempotentRepository() != null) {
            return new JobClaimRepository(config.getIdempotentRepository(), false);
        }
        if (config.getDataSource() != null) {
            try {
                return new JobClaimRepository(
                        JdbcIdempotentRepositories.create(config.getDataSource(), config.getProcessorName()), true);
            } catch (NoClassDefFoundError e) {
                throw new IllegalStateException("The dataSource option of " + consumer + " needs camel-sql"
                                                + " (org.apache.camel:camel-sql) on the classpath", e);
            }
        }
        throw new IllegalArgumentException(
                consumer + " needs an idempotent repository so that each completed job is emitted once, across"
                                           + " restarts and instances: set the option idempotentRepository (e.g."
                                           + " #myJdbcRepository) or dataSource (a JdbcMessageIdRepository is kept in"
                                           + " that database). To accept an in-memory repository (jobs are emitted"
                                           + " again after a restart) say so explicitly: idempotentRepository="
                                           + "#class:org.apache.camel.support.processor.idempotent."
                                           + "MemoryIdempotentRepository");
    }
}
