package io.dataconnector.camel.etl;

import io.dataconnector.camel.etl.warehouse.WarehouseLoader;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-arms the {@code etl.rearm} items at startup in the load history of every schema the ETL loads into: the default
 * schema ({@code warehouse.schema}) and each account's ({@code accounts.<name>.warehouse-schema}). A job belongs to one
 * account, so an item changes the rows of the schema that holds them and finds nothing in the others.
 * <p>
 * Items, comma-separated: {@code <job id>:<file name>} (one quarantined, gone or refused file) or {@code <job id>}
 * (every such row of the job, and the job itself; {@code <job id>:*} says the same).
 */
public final class JobRearm {

    private static final Logger LOG = LoggerFactory.getLogger(JobRearm.class);

    private JobRearm() {
    }

    /**
     * Re-arms the items of the context's {@code etl.rearm} in every schema of its {@link EtlSchemas}; call it once
     * every account is bound ({@link EtlAccounts#bind}).
     *
     * @throws IllegalArgumentException for an item without a job id
     * @throws SQLException             when a load history cannot be updated
     */
    public static void apply(CamelContext context) throws SQLException {
        EtlSettings settings = context.getRegistry().lookupByNameAndType(EtlBeans.SETTINGS, EtlSettings.class);
        EtlSchemas schemas = context.getRegistry().lookupByNameAndType(EtlSchemas.NAME, EtlSchemas.class);
        if (settings == null || schemas == null) {
            throw new IllegalStateException("The ETL's beans are not bound (EtlBeans.bind) in " + context.getName());
        }
        apply(schemas.loaders(), settings.rearm());
    }

    /**
     * Re-arms {@code items} in the load history of each of {@code loaders} (one per schema).
     *
     * @throws IllegalArgumentException for an item without a job id
     */
    static void apply(Collection<WarehouseLoader> loaders, String items) throws SQLException {
        if (items == null || items.isBlank()) {
            return;
        }
        for (String item : items.split(",")) {
            String it = item.trim();
            if (it.isEmpty()) {
                continue;
            }
            int colon = it.indexOf(':');
            String job = (colon < 0 ? it : it.substring(0, colon)).trim();
            String file = colon < 0 ? null : it.substring(colon + 1).trim();
            if (job.isEmpty()) {
                throw new IllegalArgumentException("etl.rearm item '" + it + "' has no job id (<job>:<file> or <job>)");
            }
            String fileName = file == null || file.isEmpty() || file.equals("*") ? null : file;
            int total = 0;
            List<String> where = new ArrayList<>();
            List<String> searched = new ArrayList<>();
            for (WarehouseLoader loader : loaders) {
                String schema = loader.getSettings().schema();
                searched.add(schema);
                int n = loader.rearm(job, fileName);
                if (n > 0) {
                    total += n;
                    where.add(schema);
                }
            }
            if (total == 0) {
                LOG.warn("etl.rearm: nothing to re-arm for {} (no quarantined, gone or refused row in schema(s) {})",
                        it, String.join(", ", searched));
            } else {
                LOG.info("etl.rearm: {} re-armed ({} history row(s), schema {}); remove the key once it has loaded",
                        it, total, String.join(", ", where));
            }
        }
    }
}
