package io.dataconnector.camel.etl;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that fails, rather than truncates, once more than {@code limit} bytes have been read from it: an extract
 * entry never gets to fill the heap or the disk, whatever sizes the archive claims.
 */
final class SizeLimitedStream extends FilterInputStream {

    private final String tooLarge;
    private final boolean propagateClose;
    private long left;

    /**
     * @param limit          the most bytes that may be read
     * @param tooLarge       the message of the {@link IOException} thrown past the limit (names the entry and the limit)
     * @param propagateClose whether {@link #close()} closes {@code in} (false when the caller owns it)
     */
    SizeLimitedStream(InputStream in, long limit, String tooLarge, boolean propagateClose) {
        super(in);
        this.left = limit;
        this.tooLarge = tooLarge;
        this.propagateClose = propagateClose;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, (int) Math.min(len, left + 1));
        if (n > 0 && (left -= n) < 0) {
            throw new IOException(tooLarge);
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        if (propagateClose) {
            super.close();
        }
    }
}
