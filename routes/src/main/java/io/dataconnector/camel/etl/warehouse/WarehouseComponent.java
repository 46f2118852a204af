package io.dataconnector.camel.etl.warehouse;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/**
 * The {@code dcwarehouse:} component: the loading endpoint of the ETL. One exchange carries one extract table (a CSV
 * as a stream or a file, with its job identity and schema) into one warehouse table, through the {@link WarehouseLoader}
 * fast paths (PostgreSQL COPY, DuckDB's bulk reader, batched JDBC elsewhere).
 */
@Component("dcwarehouse")
public class WarehouseComponent extends HealthCheckComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        WarehouseEndpoint endpoint = new WarehouseEndpoint(uri, this);
        endpoint.setSchema(remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
