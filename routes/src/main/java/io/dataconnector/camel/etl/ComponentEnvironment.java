package io.dataconnector.camel.etl;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps {@code CAMEL_COMPONENT_<NAME>_<OPTION>} environment variables (likewise {@code CAMEL_DATAFORMAT_} and
 * {@code CAMEL_LANGUAGE_}) to the Camel Main keys they stand for, e.g.
 * {@code CAMEL_COMPONENT_DATACONNECTOR_ACCESS_TOKEN} to {@code camel.component.dataconnector.access-token}.
 * <p>
 * Camel Main 4.14 gathers such variables with the dotted prefix {@code camel.component.} against upper-case names,
 * so it finds none; the launcher adds them itself. A name's component part is the longest run of words that names a
 * component on the classpath ({@code META-INF/services/org/apache/camel/component/<name>}), so
 * {@code CAMEL_COMPONENT_PLATFORM_HTTP_HOST} becomes {@code camel.component.platform-http.host}. A variable naming no
 * component on the classpath is ignored.
 */
final class ComponentEnvironment {

    private static final String[] KINDS = {"component", "dataformat", "language"};

    private ComponentEnvironment() {
    }

    /** The Camel Main keys (e.g. {@code camel.component.dataconnector.access-token}) and values of these variables. */
    static Map<String, String> keys(Map<String, String> environment, ClassLoader classLoader) {
        Map<String, String> keys = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            String upper = name.toUpperCase(Locale.ROOT);
            for (String kind : KINDS) {
                String prefix = "CAMEL_" + kind.toUpperCase(Locale.ROOT) + "_";
                if (upper.startsWith(prefix)) {
                    String key = key(kind, upper.substring(prefix.length()), classLoader);
                    if (key != null) {
                        keys.put(key, value);
                    }
                }
            }
        });
        return keys;
    }

    private static String key(String kind, String rest, ClassLoader classLoader) {
        String[] words = rest.toLowerCase(Locale.ROOT).split("_");
        for (int n = words.length - 1; n >= 1; n--) {
            String name = String.join("-", Arrays.copyOfRange(words, 0, n));
            if (classLoader.getResource("META-INF/services/org/apache/camel/" + kind + "/" + name) != null) {
                return "camel." + kind + "." + name + "." + String.join("-", Arrays.copyOfRange(words, n, words.length));
            }
        }
        return null;
    }
}
