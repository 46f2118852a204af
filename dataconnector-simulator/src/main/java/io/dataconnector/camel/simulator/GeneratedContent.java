package io.dataconnector.camel.simulator;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Deterministic streamed content; see {@link ContentSource#generated(long)}. */
public final class GeneratedContent implements ContentSource {

    static final byte[] HEADER = "id,payload\n".getBytes(StandardCharsets.US_ASCII);
    static final int LINE = 64;
    private static final byte[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".getBytes(StandardCharsets.US_ASCII);

    private final long size;

    GeneratedContent(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size < 0");
        }
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    /** The byte at a given offset of any generated content. */
    public static byte byteAt(long offset) {
        if (offset < HEADER.length) {
            return HEADER[(int) offset];
        }
        long o = offset - HEADER.length;
        long line = o / LINE;
        int col = (int) (o % LINE);
        if (col == LINE - 1) {
            return '\n';
        }
        if (col < 12) {
            // 12-digit zero-padded line number
            long v = line;
            for (int i = 11; i > col; i--) {
                v /= 10;
            }
            return (byte) ('0' + (v % 10));
        }
        if (col == 12) {
            return ',';
        }
        return ALPHABET[(int) ((line * 7 + col) % ALPHABET.length)];
    }

    @Override
    public InputStream open() {
        return new InputStream() {
            private long pos;

            @Override
            public int read() {
                if (pos >= size) {
                    return -1;
                }
                return byteAt(pos++) & 0xff;
            }

            private long cachedLine = -1;
            private final byte[] lineBuf = new byte[LINE];

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - pos);
                for (int i = 0; i < n; i++) {
                    if (pos < HEADER.length) {
                        b[off + i] = HEADER[(int) pos];
                    } else {
                        long o = pos - HEADER.length;
                        long line = o / LINE;
                        if (line != cachedLine) {
                            for (int c = 0; c < LINE; c++) {
                                lineBuf[c] = byteAt(HEADER.length + line * LINE + c);
                            }
                            cachedLine = line;
                        }
                        b[off + i] = lineBuf[(int) (o % LINE)];
                    }
                    pos++;
                }
                return n;
            }

            @Override
            public long skip(long n) {
                long k = Math.max(0, Math.min(n, size - pos));
                pos += k;
                return k;
            }

            @Override
            public int available() {
                return (int) Math.min(Integer.MAX_VALUE, size - pos);
            }
        };
    }
}
