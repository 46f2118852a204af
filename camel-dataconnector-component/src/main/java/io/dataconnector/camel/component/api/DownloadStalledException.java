package io.dataconnector.camel.component.api;

import java.net.SocketTimeoutException;

/**
 * A download's body stream stalled: no byte arrived from the storage host for longer than the read timeout, so the
 * read failed and the connection was dropped. Names the file, never the signed URL.
 */
public class DownloadStalledException extends SocketTimeoutException {

    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final long readTimeoutMillis;
    private final long bytesRead;

    /**
     * @param readTimeoutMillis the read timeout that was exceeded, in milliseconds
     * @param bytesRead         the bytes of the file read before the stall
     */
    public DownloadStalledException(String fileName, long readTimeoutMillis, long bytesRead) {
        super("Download of " + fileName + " stalled: no data from the storage host for " + readTimeoutMillis
              + " ms (readTimeout) after " + bytesRead + " bytes");
        this.fileName = fileName;
        this.readTimeoutMillis = readTimeoutMillis;
        this.bytesRead = bytesRead;
    }

    public String getFileName() {
        return fileName;
    }

    /** The read timeout that was exceeded, in milliseconds. */
    public long getReadTimeoutMillis() {
        return readTimeoutMillis;
    }

    /** Bytes of the file read before the stall. */
    public long getBytesRead() {
        return bytesRead;
    }
}
