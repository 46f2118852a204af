package io.dataconnector.camel.karafit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Keeps the test's stand-ins in step with the user-facing features file: every camel-karaf feature (a {@code camel-*}
 * feature the file does not define itself) that {@code camel-dataconnector} or {@code camel-dataconnector-etl}
 * depends on must have a stand-in of the same name whose version lies in the declared range, or
 * DataConnectorInKarafIT would not test it. The other dependencies (pax-jdbc-*) are Karaf's own features, installed
 * for real there.
 */
class StandInFeaturesTest {

    @Test
    void everyCamelKarafFeatureOfOurFeaturesHasAStandInInItsRange() throws Exception {
        Document userFacing = parse(Path.of(System.getProperty("features.source",
                "../src/main/karaf/features.xml")));
        Document standIns;
        try (InputStream in = getClass().getResourceAsStream("/camel-standin-features.xml")) {
            standIns = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        List<String> checked = new ArrayList<>();
        for (String ours : List.of("camel-dataconnector", "camel-dataconnector-etl")) {
            Element feature = feature(userFacing, ours);
            assertThat(feature).as("feature %s in the user-facing file", ours).isNotNull();
            for (Element dependency : children(feature, "feature")) {
                String name = dependency.getTextContent().trim();
                if (feature(userFacing, name) != null || !name.startsWith("camel-")) {
                    continue;
                }
                Element standIn = feature(standIns, name);
                assertThat(standIn).as("stand-in for camel-karaf feature %s in camel-standin-features.xml", name)
                        .isNotNull();
                VersionRange range = new VersionRange(dependency.getAttribute("version"));
                assertThat(range.includes(Version.parseVersion(standIn.getAttribute("version"))))
                        .as("stand-in %s/%s inside the user-facing range %s", name, standIn.getAttribute("version"),
                                range)
                        .isTrue();
                checked.add(name);
            }
        }
        assertThat(checked).containsExactlyInAnyOrder("camel-core", "camel-jackson", "camel-quartz",
                "camel-yaml-dsl");
    }

    private static Document parse(Path file) throws Exception {
        assertThat(file).exists();
        try (InputStream in = Files.newInputStream(file)) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    private static Element feature(Document features, String name) {
        for (Element feature : children(features.getDocumentElement(), "feature")) {
            if (feature.getAttribute("name").equals(name)) {
                return feature;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                found.add(element);
            }
        }
        return found;
    }
}
