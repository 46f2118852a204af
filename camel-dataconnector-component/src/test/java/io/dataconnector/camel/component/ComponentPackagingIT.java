package io.dataconnector.camel.component;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks the packaged jar: the generated Camel catalog and the OSGi manifest. */
class ComponentPackagingIT {

    private static JarFile jar;

    @BeforeAll
    static void openTheBuiltJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            Path built = files.filter(p -> p.getFileName().toString().matches("camel-dataconnector-component-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("the component jar was not built in target/"));
            jar = new JarFile(built.toFile());
        }
    }

    private JsonNode catalog() throws IOException {
        try (InputStream in = jar.getInputStream(jar.getEntry("META-INF/io/dataconnector/camel/component/dataconnector.json"))) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void theCatalogDescribesEveryOptionAndHeader() throws Exception {
        JsonNode catalog = catalog();
        assertThat(catalog.at("/component/scheme").asText()).isEqualTo("dataconnector");
        assertThat(catalog.at("/component/syntax").asText()).isEqualTo("dataconnector:operation");

        List<String> undocumented = new ArrayList<>();
        for (String section : List.of("componentProperties", "properties", "headers")) {
            catalog.get(section).fields().forEachRemaining(option -> {
                if (option.getValue().path("description").asText().isBlank()) {
                    undocumented.add(section + "." + option.getKey());
                }
            });
        }
        assertThat(undocumented).isEmpty();

        for (String option : List.of("accountId", "baseUrl", "accessToken", "clientId", "clientSecret", "refreshToken",
                "tokenStore", "serviceAccountId", "serviceAccountKeyId", "serviceAccountPrivateKeyFile", "connectTimeout",
                "requestTimeout", "proxyHost", "proxyPort", "paginate", "limit", "offset", "sort", "sortFields", "filter")) {
            assertThat(catalog.at("/properties/" + option).isMissingNode()).as("endpoint option " + option).isFalse();
            assertThat(catalog.at("/componentProperties/" + option).isMissingNode()).as("component option " + option)
                    .isFalse();
        }
        for (String secret : List.of("accessToken", "clientSecret", "refreshToken")) {
            assertThat(catalog.at("/properties/" + secret + "/secret").asBoolean()).as(secret + " is secret").isTrue();
        }
        for (Field constant : DataConnectorConstants.class.getDeclaredFields()) {
            if (Modifier.isStatic(constant.getModifiers()) && constant.getType() == String.class) {
                String header = (String) constant.get(null);
                assertThat(catalog.at("/headers/" + header).isMissingNode()).as("header " + header).isFalse();
            }
        }
        String operations = catalog.at("/properties/operation/enum").toString();
        for (DataConnectorOperation operation : DataConnectorOperation.values()) {
            assertThat(operations).contains("\"" + operation.name() + "\"");
        }
    }

    @Test
    void theReadmeDocumentsEveryOwnOptionAndEveryHeader() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        JsonNode catalog = catalog();
        List<String> missing = new ArrayList<>();
        catalog.get("properties").fields().forEachRemaining(option -> {
            String declaredBy = option.getValue().path("configurationClass").asText();
            if (declaredBy.endsWith("DataConnectorConfiguration") && !readme.contains("| `" + option.getKey() + "` |")) {
                missing.add(option.getKey());
            }
        });
        catalog.get("headers").fieldNames().forEachRemaining(header -> {
            if (!readme.contains("| `" + header + "` |")) {
                missing.add(header);
            }
        });
        assertThat(missing).as("options and headers missing from the README tables").isEmpty();
    }

    @Test
    void theComponentIsDiscoverableAndItsConfigurersAreCompiled() {
        assertThat(jar.getEntry("META-INF/services/org/apache/camel/component/dataconnector")).isNotNull();
        assertThat(jar.getEntry("io/dataconnector/camel/component/DataConnectorComponentConfigurer.class")).isNotNull();
        assertThat(jar.getEntry("io/dataconnector/camel/component/DataConnectorEndpointConfigurer.class")).isNotNull();
        assertThat(jar.getEntry("io/dataconnector/camel/component/DataConnectorEndpointUriFactory.class")).isNotNull();
    }

    @Test
    void theManifestIsAValidBundleImportingCamelInTheLtsRange() throws IOException {
        Attributes manifest = jar.getManifest().getMainAttributes();
        assertThat(manifest.getValue("Bundle-ManifestVersion")).isEqualTo("2");
        assertThat(manifest.getValue("Bundle-SymbolicName")).isEqualTo("io.dataconnector.camel.component");
        assertThat(manifest.getValue("Bundle-Version")).matches("\\d+\\.\\d+\\.\\d+(\\..+)?");
        String imports = manifest.getValue("Import-Package");
        assertThat(imports).contains("org.apache.camel;version=\"[4.14,5)\"")
                .contains("org.apache.camel.support;version=\"[4.14,5)\"");
        assertThat(imports).doesNotContain("io.dataconnector.camel.simulator");
        String exports = manifest.getValue("Export-Package");
        for (String pkg : List.of("io.dataconnector.camel.component;", "io.dataconnector.camel.component.api;",
                "io.dataconnector.camel.component.auth;", "io.dataconnector.camel.component.model;")) {
            assertThat(exports).contains(pkg);
        }
        assertThat(manifest.getValue("DynamicImport-Package")).isNull();
        assertThat(manifest.getValue("Require-Bundle")).isNull();
    }
}
