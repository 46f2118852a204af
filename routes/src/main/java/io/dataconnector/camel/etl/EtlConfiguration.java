package io.dataconnector.camel.etl;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * Binds the ETL's beans ({@link EtlBeans}) before the YAML routes (routes/etl-*.yaml) are built, and the accounts of
 * the {@code accounts.<name>.*} keys ({@link EtlAccounts}: a connection, a schema and a template instance each). Add
 * it to your own Camel Main ({@code main.configure().addConfiguration(EtlConfiguration.class)}) to use the
 * dataconnector-etl route template in your application; the standalone launcher ({@link EtlApplication}) does the same.
 * Then re-arms the {@code etl.rearm} items in every schema ({@link JobRearm}).
 */
public class EtlConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        EtlBeans.bind(camelContext);
        if (camelContext.getRegistry().lookupByNameAndType(EtlAccounts.NAME, EtlAccounts.class) == null) {
            EtlAccounts.bind(camelContext, camelContext.getRegistry().lookupByNameAndType(EtlSchemas.NAME,
                    EtlSchemas.class));
            // once, with every account's schema known
            JobRearm.apply(camelContext);
        }
    }
}
