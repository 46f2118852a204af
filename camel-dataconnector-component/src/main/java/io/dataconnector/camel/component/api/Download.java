package io.dataconnector.camel.component.api;

import java.io.FilterInputStream;
import java.io.InputStream;

/**
 * An extract file being streamed from its signed URL. The caller reads and closes it; nothing is buffered beyond the
 * HTTP client's own small buffers.
 */
public final class Download extends FilterInputStream {

    private final String fileName;
    private final long contentLength;

    public Download(InputStream body, String fileName, long contentLength) {
        super(body);
        this.fileName = fileName;
        this.contentLength = contentLength;
    }

    public String getFileName() {
        return fileName;
    }

    /** The Content-Length the storage host announced, or -1 when unknown. */
    public long getContentLength() {
        return contentLength;
    }

    @Override
    public String toString() {
        return "Download[" + fileName + ", " + contentLength + " bytes]";
    }
}
