package io.dataconnector.camel.etl;

import io.dataconnector.camel.etl.warehouse.LoadRequest;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Splits a downloaded ZIP into one message per entry, streaming: each message's body reads its entry straight from the
 * archive on disk, so an entry is never held in memory (Camel's ZipSplitter copies every entry into a byte array,
 * which is why the routes use this iterator with the Splitter EIP instead). Random access through the central
 * directory lets the Splitter look ahead safely. Each entry's CRC-32 is verified when it has been read to its end;
 * an entry whose name could escape a directory ({@code ../}, absolute paths, drive letters, backslashes) is refused:
 * never read nor unpacked, listed with the reason by {@link #refusals(Exchange)}, while the other entries go on;
 * the bytes unpacked in total are capped against zip bombs (whatever sizes the archive claims).
 */
public class ZipEntries {

    private static final String ZIP_FILE = "dcEtlZipFile";
    private static final String TOTAL = "dcEtlZipUnpackedBytes";
    private static final String REFUSALS = "dcEtlZipRefusedEntries";

    private final long maxUncompressedBytes;

    public ZipEntries(long maxUncompressedBytes) {
        this.maxUncompressedBytes = maxUncompressedBytes;
    }

    /** For {@code split(method(zipEntries, "iterate")).streaming()}: every entry; the body is the ZIP's {@link Path}. */
    public Iterator<Message> iterate(Exchange exchange) throws Exception {
        return open(exchange, e -> true);
    }

    /**
     * The entries that are not CSVs (schema descriptions, README), so that they are on disk before the tables that
     * need them; opens the archive (the body is the ZIP's {@link Path}) for {@link #tables(Exchange)} to go on with.
     */
    public Iterator<Message> descriptions(Exchange exchange) throws Exception {
        return open(exchange, e -> !isCsv(e));
    }

    /**
     * The CSV entries of the archive {@link #descriptions(Exchange)} opened (each read once, streamed), the largest
     * first (by the size the archive claims, used for the order only): with tables loading in parallel, the longest
     * load starts at once instead of last, and the small ones fill in beside it.
     */
    public Iterator<Message> tables(Exchange exchange) throws Exception {
        return tables(exchange, false);
    }

    /**
     * The CSV entries of the archive {@link #descriptions(Exchange)} opened, the largest first or, with
     * {@code smallestFirst}, the smallest first (by the sizes the archive claims, unknown sizes by compressed size):
     * when each entry is unpacked ahead of its one-at-a-time load, the small tables load while the large ones unpack.
     */
    public Iterator<Message> tables(Exchange exchange, boolean smallestFirst) throws Exception {
        ZipFile zf = exchange.getProperty(ZIP_FILE, ZipFile.class);
        if (zf == null) {
            EntryIterator opened = open(exchange, ZipEntries::isCsv);
            opened.bySize(smallestFirst);
            return opened;
        }
        List<ZipEntry> entries = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> en = zf.entries(); en.hasMoreElements(); ) {
            ZipEntry e = en.nextElement();
            if (isCsv(e)) {
                entries.add(e);
            }
        }
        EntryIterator it = new EntryIterator(exchange, zf, entries, exchange.getProperty(TOTAL, AtomicLong.class));
        it.bySize(smallestFirst);
        return it;
    }

    /** The size an entry claims (uncompressed, else compressed), for ordering only; 0 when unknown. */
    private static long claimedSize(ZipEntry e) {
        return Math.max(0, e.getSize() >= 0 ? e.getSize() : e.getCompressedSize());
    }

    /** A table's CSV: any {@code .csv} entry but the extract's package file {@code metadata.csv}. */
    private static boolean isCsv(ZipEntry e) {
        return e.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
               && !io.dataconnector.camel.etl.extract.ExtractMetadata.isPackageFile(e.getName());
    }

    private EntryIterator open(Exchange exchange, java.util.function.Predicate<ZipEntry> which)
            throws Exception {
        Path zip = exchange.getMessage().getMandatoryBody(Path.class);
        ZipFile zf;
        try {
            zf = new ZipFile(zip.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new ZipException("Not a readable ZIP: " + e.getMessage());
        }
        List<ZipEntry> entries = new ArrayList<>();
        Map<String, String> refusals = new LinkedHashMap<>();
        try {
            for (Enumeration<? extends ZipEntry> en = zf.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                try {
                    checkName(e.getName());
                } catch (IllegalArgumentException unsafe) {
                    refusals.put(String.valueOf(e.getName()), unsafe.getMessage());
                    continue;
                }
                if (!e.isDirectory() && which.test(e)) {
                    entries.add(e);
                }
            }
        } catch (RuntimeException e) {
            zf.close();
            throw e;
        }
        exchange.setProperty(REFUSALS, Collections.unmodifiableMap(refusals));
        // the Splitter looks ahead and closes the iterator before the last entry is processed: the archive is closed
        // when the exchange completes (and by the unzip route, see close(Exchange))
        exchange.setProperty(ZIP_FILE, zf);
        AtomicLong total = new AtomicLong();
        exchange.setProperty(TOTAL, total);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                closeQuietly(zf);
            }
        });
        return new EntryIterator(exchange, zf, entries, total);
    }

    /**
     * @return the entries of the archive opened on this exchange that were refused: entry name → reason (e.g.
     *         {@code Unsafe ZIP entry name '../../x.csv'}), in archive order; empty when none
     */
    @SuppressWarnings("unchecked")
    public static Map<String, String> refusals(Exchange exchange) {
        Map<String, String> m = exchange.getProperty(REFUSALS, Map.class);
        return m == null ? Map.of() : m;
    }

    private static boolean isSafe(String name) {
        try {
            checkName(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Closes the archive opened by {@link #iterate(Exchange)} (after the split). */
    public static void close(Exchange exchange) {
        ZipFile zf = exchange.getProperty(ZIP_FILE, ZipFile.class);
        if (zf != null) {
            closeQuietly(zf);
            exchange.removeProperty(ZIP_FILE);
            exchange.removeProperty(TOTAL);
        }
    }

    private static void closeQuietly(ZipFile zf) {
        try {
            zf.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** @throws IllegalArgumentException for a name that could escape the directory it is unpacked in */
    public static String checkName(String name) {
        if (name == null || name.isEmpty() || name.startsWith("/") || name.startsWith("\\") || name.contains("\\")
            || name.contains("\0") || (name.length() > 1 && name.charAt(1) == ':')) {
            throw new IllegalArgumentException("Unsafe ZIP entry name '" + name + "': an absolute path, a drive or a "
                                               + "backslash could escape the work directory");
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw new IllegalArgumentException("Unsafe ZIP entry name '" + name + "': '..' could escape the work "
                                                   + "directory");
            }
        }
        return name;
    }

    private final class EntryIterator implements Iterator<Message>, Closeable {
        private final Exchange exchange;
        private final ZipFile zip;
        private final List<ZipEntry> entries;
        private int index;
        private final AtomicLong total; // shared by the entries (read in parallel) of one archive

        EntryIterator(Exchange exchange, ZipFile zip, List<ZipEntry> entries, AtomicLong total) {
            this.exchange = exchange;
            this.zip = zip;
            this.entries = new ArrayList<>(entries);
            this.total = total != null ? total : new AtomicLong();
        }

        /** Orders the entries not yet iterated by claimed size (stable: archive order on ties). */
        void bySize(boolean smallestFirst) {
            java.util.Comparator<ZipEntry> bySize = java.util.Comparator.comparingLong(ZipEntries::claimedSize);
            entries.subList(index, entries.size()).sort(smallestFirst ? bySize : bySize.reversed());
        }

        @Override
        public boolean hasNext() {
            return index < entries.size();
        }

        @Override
        public Message next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ZipEntry e = entries.get(index++);
            Message m = new DefaultMessage(exchange.getContext());
            m.getHeaders().putAll(exchange.getMessage().getHeaders());
            m.setHeader(EtlHeaders.ENTRY_NAME, e.getName());
            m.setBody(new EntryStream(zip, e, total));
            return m;
        }

        @Override
        public void close() {
            // see iterate(): closed when the exchange is done
        }
    }

    /**
     * An entry's bytes straight from the archive, opened on first read: CRC-32-checked at its end (ZipFile's own entry
     * stream does not check it), every byte counted against {@code etl.max-uncompressed-bytes} as it is read (the
     * sizes the archive claims are not trusted). The first integrity failure is kept ({@link #failure()}), so that a
     * route can fail the whole job on it even when a consumer (the CSV parser) reports it as something else.
     */
    public final class EntryStream extends InputStream {
        private final ZipFile zip;
        private final ZipEntry entry;
        private final AtomicLong total;
        private final CRC32 crc = new CRC32();
        private InputStream in;
        private boolean verified;
        private volatile IOException failure;

        EntryStream(ZipFile zip, ZipEntry entry, AtomicLong total) {
            this.zip = zip;
            this.entry = entry;
            this.total = total;
        }

        public String name() {
            return entry.getName();
        }

        /** @return the size the archive claims (for the load history only; never trusted for limits), or 0 */
        public long claimedSize() {
            return Math.max(0, entry.getSize());
        }

        /** @return the CRC-32 mismatch or size-limit failure met while reading, or null */
        public IOException failure() {
            return failure;
        }

        /** @return whether the entry was read to its end and its CRC-32 matched */
        public boolean verified() {
            return verified && failure == null;
        }

        private InputStream in() throws IOException {
            if (in == null) {
                in = zip.getInputStream(entry);
            }
            return in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (failure != null) {
                throw failure;
            }
            if (len == 0) {
                return 0;
            }
            int n = in().read(b, off, len);
            if (n > 0) {
                crc.update(b, off, n);
                if (total.addAndGet(n) > maxUncompressedBytes) {
                    throw fail(new IOException("The ZIP unpacks to more than etl.max-uncompressed-bytes ("
                                               + maxUncompressedBytes + ") at entry " + entry.getName()
                                               + ": refusing it"));
                }
            } else if (n < 0 && !verified) {
                verified = true;
                if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
                    throw fail(new ZipException("CRC-32 mismatch in ZIP entry " + entry.getName()
                                                + ": the download is corrupt"));
                }
            }
            return n;
        }

        private IOException fail(IOException e) {
            failure = e;
            return e;
        }

        /**
         * Reads the rest of the entry, if any, so that its CRC-32 is verified and its bytes counted.
         *
         * @throws IOException the CRC-32 mismatch or size-limit failure, now or met before
         */
        public void verifyToEnd() throws IOException {
            if (failure == null && !verified) {
                transferTo(OutputStream.nullOutputStream());
            }
            if (failure != null) {
                throw failure;
            }
        }

        /**
         * This entry as the source of a load: the loader's stream leaves the entry open (it is checked to its end and
         * closed by {@link #drainAndClose()} after the load), and completeness means {@link #verifyToEnd()}.
         */
        public LoadRequest.Source asLoadSource() {
            EntryStream entry = this;
            return new LoadRequest.Source() {
                @Override
                public InputStream open() {
                    return new FilterInputStream(entry) {
                        @Override
                        public void close() {
                            // the entry outlives the load: see drainAndClose()
                        }
                    };
                }

                @Override
                public void verifyComplete() throws IOException {
                    entry.verifyToEnd();
                }

                @Override
                public boolean isRereadable() {
                    return true;
                }

                @Override
                public InputStream reopen() throws IOException {
                    return entry.reread();
                }
            };
        }

        /**
         * The entry from its first byte once more (a second read of a table after a value did not fit its type),
         * bounded by {@code etl.max-uncompressed-bytes} on its own.
         */
        InputStream reread() throws IOException {
            return new SizeLimitedStream(zip.getInputStream(entry), maxUncompressedBytes, "ZIP entry " + entry.getName()
                    + " unpacks to more than etl.max-uncompressed-bytes (" + maxUncompressedBytes + ")", true);
        }

        /** {@link #verifyToEnd()}, then closes the entry. */
        public void drainAndClose() throws IOException {
            try {
                verifyToEnd();
            } finally {
                close();
            }
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }
}
