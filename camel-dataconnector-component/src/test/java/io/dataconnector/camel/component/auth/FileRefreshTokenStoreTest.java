package io.dataconnector.camel.component.auth;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileRefreshTokenStoreTest {

    @TempDir
    Path dir;

    @Test
    void emptyWhenNoFile() throws Exception {
        assertThat(new FileRefreshTokenStore(dir.resolve("none.token")).load()).isEmpty();
    }

    @Test
    void savesAtomicallyAndLoadsAcrossInstances() throws Exception {
        Path file = dir.resolve("state/nested/refresh.token");
        FileRefreshTokenStore first = new FileRefreshTokenStore(file);
        first.save("rt-1");
        assertThat(file).exists();
        assertThat(new FileRefreshTokenStore(file).load()).contains("rt-1");

        first.save("rt-2");
        FileRefreshTokenStore second = new FileRefreshTokenStore(file);
        assertThat(second.load()).contains("rt-2");
        second.save("rt-3");
        assertThat(first.load()).contains("rt-3");

        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file.toAbsolutePath());
        }
    }

    @Test
    void fileIsOwnerOnlyOnPosix() throws Exception {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Path file = dir.resolve("sub/refresh.token");
        new FileRefreshTokenStore(file).save("rt");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void blankTokenIsRefusedWithoutTouchingTheFile() throws Exception {
        Path file = dir.resolve("refresh.token");
        FileRefreshTokenStore store = new FileRefreshTokenStore(file);
        store.save("keep-me");
        assertThatThrownBy(() -> store.save(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.load()).contains("keep-me");
    }

    @Test
    void toStringShowsThePathNotTheToken() throws Exception {
        FileRefreshTokenStore store = new FileRefreshTokenStore(dir.resolve("refresh.token"));
        store.save("super-secret-refresh");
        assertThat(store.toString()).contains("refresh.token").doesNotContain("super-secret-refresh");
        InMemoryRefreshTokenStore mem = new InMemoryRefreshTokenStore("super-secret-refresh");
        assertThat(mem.toString()).doesNotContain("super-secret-refresh");
        assertThat(mem.load()).contains("super-secret-refresh");
    }
}
