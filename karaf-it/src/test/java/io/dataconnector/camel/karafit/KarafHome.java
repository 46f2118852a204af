package io.dataconnector.camel.karafit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A fresh copy of the unpacked Karaf distribution, set up to run offline next to other builds: Maven artifacts only
 * from its own {@code system/} and one local repository directory (no remote repository), SSH and JMX on loopback
 * ports chosen by the caller, a {@code karaf}/{@code karaf} shell user, and the repositories named in
 * {@code blacklistedRepositories} never loaded.
 */
final class KarafHome {

    static final String USER = "karaf";
    static final String PASSWORD = "karaf";

    private final Path home;

    private KarafHome(Path home) {
        this.home = home;
    }

    /**
     * @param distribution the unpacked {@code apache-karaf-<version>} directory (left untouched)
     * @param home         where the copy goes; must not exist yet
     * @param mavenRepo    a directory in Maven repository layout holding every artifact Karaf may install
     */
    static KarafHome create(Path distribution, Path home, Path mavenRepo, KarafPorts ports,
            String... blacklistedRepositories) throws IOException {
        if (!Files.isRegularFile(distribution.resolve("bin/karaf"))) {
            throw new IllegalArgumentException("not an unpacked Karaf distribution (no bin/karaf): " + distribution);
        }
        copyTree(distribution, home);
        KarafHome karaf = new KarafHome(home);
        karaf.configure(mavenRepo, ports, blacklistedRepositories);
        return karaf;
    }

    Path path() {
        return home;
    }

    Path log() {
        return home.resolve("data/log/karaf.log");
    }

    private void configure(Path mavenRepo, KarafPorts ports, String... blacklistedRepositories) throws IOException {
        Path etc = home.resolve("etc");
        Files.writeString(home.resolve("maven-settings.xml"), "<settings/>\n", StandardCharsets.UTF_8);
        Files.writeString(etc.resolve("org.ops4j.pax.url.mvn.cfg"), String.join("\n",
                "org.ops4j.pax.url.mvn.offline = true",
                "org.ops4j.pax.url.mvn.useFallbackRepositories = false",
                "org.ops4j.pax.url.mvn.settings = " + home.resolve("maven-settings.xml"),
                "org.ops4j.pax.url.mvn.localRepository = " + home.resolve("data/m2"),
                "org.ops4j.pax.url.mvn.repositories = ",
                // plain file *default* repositories: read in place, no remote-repository checks
                "org.ops4j.pax.url.mvn.defaultRepositories = "
                        + "${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots, "
                        + mavenRepo.toUri() + "@id=karaf-it@snapshots",
                ""), StandardCharsets.UTF_8);
        append(etc.resolve("org.apache.karaf.shell.cfg"),
                "sshHost = 127.0.0.1", "sshPort = " + ports.ssh());
        append(etc.resolve("org.apache.karaf.management.cfg"),
                "rmiRegistryHost = 127.0.0.1", "rmiRegistryPort = " + ports.rmiRegistry(),
                "rmiServerHost = 127.0.0.1", "rmiServerPort = " + ports.rmiServer());
        append(etc.resolve("users.properties"),
                USER + " = " + PASSWORD + ",_g_:admingroup",
                "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh");
        StringBuilder blacklist = new StringBuilder();
        for (String repository : blacklistedRepositories) {
            blacklist.append("    <repository>").append(repository).append("</repository>\n");
        }
        Files.writeString(etc.resolve("org.apache.karaf.features.xml"),
                "<featuresProcessing xmlns=\"http://karaf.apache.org/xmlns/features-processing/v1.0.0\">\n"
                        + "  <blacklistedRepositories>\n" + blacklist + "  </blacklistedRepositories>\n"
                        + "</featuresProcessing>\n", StandardCharsets.UTF_8);
    }

    private static void append(Path file, String... lines) throws IOException {
        Files.writeString(file, "\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
        try (var scripts = Files.list(to.resolve("bin"))) {
            scripts.filter(Files::isRegularFile).forEach(script -> {
                if (!script.toFile().setExecutable(true)) {
                    throw new UncheckedIOException(new IOException("cannot make executable: " + script));
                }
            });
        }
    }
}
