package io.dataconnector.camel.etl;

import io.dataconnector.camel.etl.warehouse.LoadRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading a downloaded extract ZIP, as a named bean ({@code dcEtlExtractReader}) the ETL route uses:
 * <ol>
 * <li>{@link #descriptions(Exchange)}: a streaming split of the entries that are not tables (schema documents,
 * {@code metadata.csv}, legacy schema JSONs), each parsed in memory by {@link #describe(Exchange)};</li>
 * <li>{@link #refusals(JobWork, Exchange)}: entries with an unsafe name, recorded as refused;</li>
 * <li>{@link #tables(Exchange)}: a streaming split of the CSV entries, each turned into a load request by
 * {@link #loadRequest(Exchange)} (null for an entry the job does not want) and finished by
 * {@link #afterLoad(Exchange)};</li>
 * <li>{@link #close(Exchange)}: the archive closed and deleted.</li>
 * </ol>
 * Whether a table's CSV is streamed from the archive (COPY, batched JDBC) or unpacked to a temp file first (DuckDB's
 * file reader) is this bean's choice ({@code spoolEntries}), so the route has one shape for every warehouse. Bounded
 * memory, CRC-32, zip-slip and size checks as described in {@link ZipEntries}.
 */
public class ExtractReader {

    private static final String SPOOLED = "dcEtlSpooledEntry";
    private static final String ZIP = "dcEtlZip";
    private static final String HOLD = "dcEtlWarehouseHold";
    private static final String AHEAD = "dcEtlSpoolAhead";
    private static final Logger LOG = LoggerFactory.getLogger(ExtractReader.class);

    private final ZipEntries zipEntries;
    private final boolean spoolEntries;
    private final EntrySpooler spooler = new EntrySpooler();
    private final Supplier<AutoCloseable> warehouseHold;

    /**
     * @param maxUncompressedBytes bytes unpacked from one ZIP at most (zip bombs)
     * @param spoolEntries         whether each wanted CSV is unpacked to a temp file (the warehouse's bulk path reads a
     *                             file) instead of being streamed from the archive
     */
    public ExtractReader(long maxUncompressedBytes, boolean spoolEntries) {
        this(maxUncompressedBytes, spoolEntries, () -> () -> {
        });
    }

    /**
     * @param warehouseHold keeps the warehouse open from the first entry to {@link #close} (see
     *                      {@link io.dataconnector.camel.etl.warehouse.ReleasingDataSource#hold()}); the handle is
     *                      closed at the latest when the exchange completes, failed or not
     */
    public ExtractReader(long maxUncompressedBytes, boolean spoolEntries, Supplier<AutoCloseable> warehouseHold) {
        this.zipEntries = new ZipEntries(maxUncompressedBytes);
        this.spoolEntries = spoolEntries;
        this.warehouseHold = warehouseHold;
    }

    /** Split expression: the description entries; the body is the ZIP's {@link Path}, kept for {@link #close}. */
    public Iterator<Message> descriptions(Exchange exchange) throws Exception {
        exchange.setProperty(ZIP, exchange.getMessage().getMandatoryBody(Path.class));
        AutoCloseable hold = warehouseHold.get();
        exchange.setProperty(HOLD, hold);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                release(hold);
            }
        });
        return zipEntries.descriptions(exchange);
    }

    /** One description entry: parsed into the job's schema documents or metadata, read to its end. */
    public void describe(Exchange exchange) throws Exception {
        StreamedEntries.describe(exchange);
    }

    /** Records the entries refused for an unsafe name (in the job's account's history); the others load. */
    public void refusals(@ExchangeProperty(EtlHeaders.JOB_WORK) JobWork work, Exchange exchange) throws Exception {
        work.planner().refusedEntries(work, ZipEntries.refusals(exchange));
    }

    /**
     * Split expression: the CSV entries of the archive {@link #descriptions(Exchange)} opened; when entries are
     * unpacked to files, each is unpacked ahead of its load on a thread of its own ({@link SpoolAhead}), smallest
     * first (the small tables load while the large ones unpack).
     */
    public Iterator<Message> tables(Exchange exchange) throws Exception {
        if (!spoolEntries) {
            return zipEntries.tables(exchange);
        }
        Iterator<Message> entries = zipEntries.tables(exchange, true);
        SpoolAhead ahead = new SpoolAhead(exchange.getContext(),
                exchange.getProperty(EtlHeaders.JOB_WORK, JobWork.class));
        exchange.setProperty(AHEAD, ahead);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                ahead.close();
            }
        });
        return ahead.wrap(entries);
    }

    /**
     * @return the load request of this CSV entry (streamed from the archive, or unpacked to a temp file), or null when
     *         the job does not want it (then it is read through, so its CRC-32 is still verified)
     */
    public LoadRequest loadRequest(Exchange exchange) throws Exception {
        if (!spoolEntries) {
            if (StreamedEntries.isWantedTable(exchange)) {
                StreamedEntries.loadRequest(exchange);
                return exchange.getMessage().getBody(LoadRequest.class);
            }
        }
        JobWork work = exchange.getProperty(EtlHeaders.JOB_WORK, JobWork.class);
        String name = exchange.getMessage().getHeader(EtlHeaders.ENTRY_NAME, String.class);
        SpoolAhead ahead = exchange.getProperty(AHEAD, SpoolAhead.class);
        if (ahead != null) {
            Path file = ahead.await(exchange.getMessage());
            if (file == null || !work.isWantedCsv(name)) {
                return null;
            }
        } else {
            spooler.process(exchange);
        }
        if (name == null || !work.isWantedCsv(name) || work.spooledFile(name) == null) {
            return null;
        }
        exchange.setProperty(SPOOLED, name);
        return work.takeLoadRequest(name);
    }

    /** After an entry's load, whatever its result: the entry's CRC-32 verified, its temp file (if any) deleted. */
    public void afterLoad(Exchange exchange) throws Exception {
        String spooled = exchange.getProperty(SPOOLED, String.class);
        if (spooled != null) {
            exchange.removeProperty(SPOOLED);
            exchange.getProperty(EtlHeaders.JOB_WORK, JobWork.class).release(spooled);
            SpoolAhead ahead = exchange.getProperty(AHEAD, SpoolAhead.class);
            if (ahead != null) {
                ahead.released(spooled);
            }
        }
        StreamedEntries.afterLoad(exchange);
    }

    /** Closes the archive and deletes it. */
    public void close(Exchange exchange) throws Exception {
        release(exchange.getProperty(HOLD, AutoCloseable.class));
        exchange.removeProperty(HOLD);
        SpoolAhead ahead = exchange.getProperty(AHEAD, SpoolAhead.class);
        if (ahead != null) {
            ahead.close();
            exchange.removeProperty(AHEAD);
        }
        ZipEntries.close(exchange);
        Path zip = exchange.getProperty(ZIP, Path.class);
        if (zip != null) {
            Files.deleteIfExists(zip);
        }
    }

    private static void release(AutoCloseable hold) {
        if (hold != null) {
            try {
                hold.close();
            } catch (Exception e) {
                LOG.debug("Releasing the warehouse hold failed", e);
            }
        }
    }
}
