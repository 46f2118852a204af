package io.dataconnector.camel.component.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the refresh token in a file, written atomically: a temporary file in the same directory is written, synced and
 * moved over the target ({@code ATOMIC_MOVE}, {@code REPLACE_EXISTING}), so a crash never leaves a half-written
 * token. Where the file system is POSIX, the file (and a created directory) is readable by its owner only.
 */
public final class FileRefreshTokenStore implements RefreshTokenStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileRefreshTokenStore.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FILE_PERMS = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_PERMS = PosixFilePermissions.fromString("rwx------");

    private final Path file;

    public FileRefreshTokenStore(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
    }

    /** @return the file holding the token */
    public Path getFile() {
        return file;
    }

    @Override
    public synchronized Optional<String> load() throws IOException {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized void save(String refreshToken) throws IOException {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new IllegalArgumentException("Refusing to store a blank refresh token in " + file);
        }
        Path dir = file.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            if (POSIX && usesDefaultFileSystem()) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_PERMS));
            } else {
                Files.createDirectories(dir);
            }
        }
        FileAttribute<?>[] attrs = POSIX && usesDefaultFileSystem()
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(FILE_PERMS) }
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", attrs);
        try {
            try (var channel = Files.newByteChannel(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.SYNC)) {
                channel.write(java.nio.ByteBuffer.wrap(refreshToken.trim().getBytes(StandardCharsets.UTF_8)));
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                LOG.warn("Atomic move not supported for {}; replacing the refresh-token file non-atomically", file);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        LOG.debug("Refresh token saved to {}", file);
    }

    private boolean usesDefaultFileSystem() {
        return file.getFileSystem() == FileSystems.getDefault();
    }

    @Override
    public String toString() {
        return "FileRefreshTokenStore[" + file + "]";
    }
}
