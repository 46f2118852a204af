package io.dataconnector.camel.component.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An extract file being streamed from its signed URL. The caller reads and closes it; nothing is buffered beyond the
 * HTTP client's own small buffers. {@link ReadListener}s are told about the bytes as they are read (metrics, progress).
 */
public final class Download extends FilterInputStream {

    /** Told about a download's bytes as they are read; must not throw nor block. */
    public interface ReadListener {
        /** {@code count} more bytes were read (count &gt; 0). */
        void bytesRead(long count);

        /** The end of the stream was reached (called once), or the stream was closed before it. */
        default void finished(boolean complete) {
        }
    }

    private final String fileName;
    private final long contentLength;
    private final List<ReadListener> listeners = new CopyOnWriteArrayList<>();
    private boolean finished;

    public Download(InputStream body, String fileName, long contentLength) {
        super(body);
        this.fileName = fileName;
        this.contentLength = contentLength;
    }

    /** Adds a listener; call before reading. */
    public Download listen(ReadListener listener) {
        listeners.add(listener);
        return this;
    }

    public String getFileName() {
        return fileName;
    }

    /** The Content-Length the storage host announced, or -1 when unknown. */
    public long getContentLength() {
        return contentLength;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        counted(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        counted(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        if (skipped > 0) {
            counted(skipped);
        }
        return skipped;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            finish(false);
        }
    }

    private void counted(long n) {
        if (n < 0) {
            finish(true);
        } else if (n > 0) {
            for (ReadListener listener : listeners) {
                listener.bytesRead(n);
            }
        }
    }

    private void finish(boolean complete) {
        if (!finished) {
            finished = true;
            for (ReadListener listener : listeners) {
                listener.finished(complete);
            }
        }
    }

    @Override
    public String toString() {
        return "Download[" + fileName + ", " + contentLength + " bytes]";
    }
}
