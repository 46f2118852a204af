package io.dataconnector.camel.simulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The body of an extract file: its exact size and a way to stream it. Only in-memory sources
 * ({@link #of(byte[])}, {@link #of(String)}) are packed into the generated {@code autodesk_data_extract.zip};
 * streamed sources ({@link #generated(long)}, {@link #ofFile(Path)}) are listed and downloadable on their own.
 */
public interface ContentSource {

    /** Exact size in bytes. */
    long size();

    /** A fresh stream over the whole content. */
    InputStream open() throws IOException;

    /** The content when it is held in memory, else null. */
    default byte[] bytes() {
        return null;
    }

    static ContentSource of(byte[] data) {
        byte[] copy = data.clone();
        return new ContentSource() {
            @Override
            public long size() {
                return copy.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(copy);
            }

            @Override
            public byte[] bytes() {
                return copy;
            }
        };
    }

    static ContentSource of(String utf8) {
        return of(utf8.getBytes(StandardCharsets.UTF_8));
    }

    /** A file on disk, streamed on each download (e.g. a large ZIP a test prepared). */
    static ContentSource ofFile(Path file) {
        return new ContentSource() {
            @Override
            public long size() {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }
        };
    }

    /**
     * {@code size} bytes of deterministic CSV-like ASCII text ({@code id,payload} header, then fixed-width 64-byte
     * lines), generated while streaming: nothing is held in memory, so 200 MB or more is fine. The last line is cut
     * at exactly {@code size} bytes. {@link GeneratedContent#byteAt(long)} gives the expected byte at any offset.
     */
    static ContentSource generated(long size) {
        return new GeneratedContent(size);
    }
}
