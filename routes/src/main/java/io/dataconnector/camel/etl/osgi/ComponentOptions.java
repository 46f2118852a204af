package io.dataconnector.camel.etl.osgi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import io.dataconnector.camel.component.DataConnectorComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.StringHelper;

/**
 * Applies the {@code camel.component.dataconnector.*} keys (kebab or camel case, as in the standalone ETL's
 * application.properties) to the {@code dataconnector} component of a context: what Camel Main does, which is not
 * there inside Karaf.
 */
final class ComponentOptions {

    static final String PREFIX = "camel.component.dataconnector.";

    private ComponentOptions() {
    }

    /**
     * @throws IllegalArgumentException naming the keys that are no option of the component (never their values,
     *                                  which may be secrets)
     */
    static void apply(CamelContext context, Map<String, String> settings) {
        Map<String, Object> options = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            if (key.startsWith(PREFIX) && !value.isEmpty()) {
                options.put(StringHelper.dashToCamelCase(key.substring(PREFIX.length())), value);
            }
        });
        if (options.isEmpty()) {
            return;
        }
        DataConnectorComponent component = context.getComponent("dataconnector", DataConnectorComponent.class);
        // component-level options first (its generated configurer), then the connection options of its configuration
        PropertyBindingSupport.build().withCamelContext(context).withTarget(component)
                .withConfigurer(component.getComponentPropertyConfigurer()).withIgnoreCase(true)
                .withRemoveParameters(true).withProperties(options).bind();
        if (!options.isEmpty()) {
            PropertyBindingSupport.build().withCamelContext(context).withTarget(component.getConfiguration())
                    .withIgnoreCase(true).withRemoveParameters(true).withProperties(options).bind();
        }
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("PID " + EtlProperties.PID + ": not options of the dataconnector "
                    + "component: " + new TreeSet<>(options.keySet()).stream().map(k -> PREFIX + k).toList());
        }
    }
}
