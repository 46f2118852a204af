package io.dataconnector.camel.etl.warehouse;

import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The number shape ({@link NumberScan}) of every field of CSV files, measured while each file is written: an extract
 * entry is measured as it is unpacked (on the unpacking thread, while the previous table loads), so that
 * {@link DuckDbCsvReader} types a table's {@code number} columns without reading the file once more before its load.
 * A profile is kept until its load takes it, or the file is forgotten (deleted).
 */
public final class CsvNumberProfiles {

    private static final Map<Path, Profile> PROFILES = new ConcurrentHashMap<>();

    /** Every field of a file measured: {@code fields} fields (the header's), field i is the scan's index i. */
    record Profile(int fields, NumberScan scan) {
    }

    private CsvNumberProfiles() {
    }

    /**
     * Copies a CSV to a file, byte for byte, and measures its fields on the way (the CSV parser the row path uses, so
     * a value's shape is the one {@link DuckDbCsvReader} would measure). A CSV the parser cannot read is copied all the
     * same, without a profile: its load reports the problem.
     *
     * @param in       the CSV (read to its end; not closed)
     * @param target   the file, created or replaced
     * @param fileName the CSV's name, for messages
     * @throws IOException when {@code in} cannot be read or {@code target} written
     */
    public static void copyMeasured(InputStream in, Path target, String fileName) throws IOException {
        Path key = target.toAbsolutePath();
        PROFILES.remove(key);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
            Tee tee = new Tee(in, out);
            Profile profile = null;
            try (CsvTable rows = CsvTable.open(tee, fileName)) {
                int fields = rows.header().size();
                int[] all = new int[fields];
                for (int i = 0; i < fields; i++) {
                    all[i] = i;
                }
                NumberScan scan = new NumberScan(all);
                for (CsvTable.Row row : rows) {
                    scan.accept(row.fields());
                }
                profile = new Profile(fields, scan);
            } catch (IOException | RuntimeException unreadable) {
                if (tee.failure != null) {
                    throw tee.failure;
                }
                // not a CSV the parser reads: copied without a profile, the load names the problem
            }
            tee.transferTo(OutputStream.nullOutputStream()); // the rest, if the parser stopped early
            if (profile != null) {
                PROFILES.put(key, profile);
            }
        }
    }

    /** Drops a file's profile (the file is deleted, or was not loaded). */
    public static void forget(Path file) {
        PROFILES.remove(file.toAbsolutePath());
    }

    /**
     * @param fields the CSV's field count as the load reads its header
     * @return the file's profile, removed, or null when none was measured or it was measured with another field count
     */
    static NumberScan take(Path file, int fields) {
        Profile p = PROFILES.remove(file.toAbsolutePath());
        return p != null && p.fields() == fields ? p.scan() : null;
    }

    /** Copies every byte read to {@code out}; keeps a failure of the source apart from the parser's own errors. */
    private static final class Tee extends FilterInputStream {
        private final OutputStream out;
        private IOException failure;

        Tee(InputStream in, OutputStream out) {
            super(in);
            this.out = out;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            if (n > 0) {
                try {
                    out.write(b, off, n);
                } catch (IOException e) {
                    failure = e;
                    throw e;
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // through read, so the copy is whole
            byte[] skipped = new byte[(int) Math.min(n, 8192)];
            int r = n <= 0 ? 0 : read(skipped, 0, skipped.length);
            return Math.max(r, 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() {
            // the source belongs to the caller; the parser's close leaves it open
        }
    }
}
