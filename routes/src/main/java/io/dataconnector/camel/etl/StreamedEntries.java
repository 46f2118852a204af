package io.dataconnector.camel.etl;

import io.dataconnector.camel.etl.extract.ExtractMetadata;
import io.dataconnector.camel.etl.extract.SchemaDocs;
import io.dataconnector.camel.etl.warehouse.TableSchema;
import java.io.IOException;
import java.io.InputStream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The ZIP path without a temp file per entry (every dialect whose bulk path does not need a file, e.g. PostgreSQL's
 * COPY): a schema description is parsed in memory straight from its entry, and each wanted CSV entry is streamed from
 * the downloaded archive into its load ({@link ZipEntries.EntryStream}: CRC-32 verified at the end of the entry,
 * before the staging table commits, bytes counted against {@code etl.max-uncompressed-bytes} as they are read).
 * Entries the job does not want are read through and discarded, as by {@link EntrySpooler}, so every entry's CRC-32
 * is verified. An integrity failure (CRC-32, size limit) fails the whole job, as when unpacking to disk.
 */
final class StreamedEntries {

    /** A schema description is a few KB; beyond this it is unreadable (its table's load request fails). */
    static final int MAX_DESCRIPTION_BYTES = 16 << 20;

    private static final String STREAM = "dcEtlEntryStream";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StreamedEntries.class);

    private StreamedEntries() {
    }

    /**
     * For the description entries (every entry but the tables' CSVs): the schema documents
     * ({@code docs/schemas/<group>.html|json}) and {@code metadata.csv} are parsed in memory, as is a wanted legacy
     * per-table schema JSON; every entry is read to its end.
     */
    static void describe(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        JobWork work = exchange.getProperty(EtlHeaders.JOB_WORK, JobWork.class);
        String name = in.getHeader(EtlHeaders.ENTRY_NAME, String.class);
        ZipEntries.EntryStream entry = in.getMandatoryBody(ZipEntries.EntryStream.class);
        if (name != null && ExtractMetadata.isPackageFile(name)) {
            try {
                work.setMetadata(ExtractMetadata.read(bounded(entry, name)));
            } catch (IOException | RuntimeException e) {
                if (entry.failure() == null) {
                    LOG.warn("Job {}: {} is unreadable ({}); the job's history will not carry it", work.getJobId(),
                            name, e.getMessage());
                }
            }
        } else if (name != null && SchemaDocs.isSchemaDoc(name) && !name.startsWith("schema_")) {
            work.getSchemaDocs().read(name, bounded(entry, name));
        } else if (name != null && !name.contains("/") && work.wants(name)) {
            try {
                work.described(name, TableSchema.read(bounded(entry, name)));
            } catch (IOException | RuntimeException e) {
                if (entry.failure() == null) {
                    work.described(name, e); // raised when (and if) its table is loaded, as for a spooled file
                }
            }
        }
        verified(entry, name);
    }

    /** @return whether this CSV entry is one the job loads (then it is streamed into its load) */
    static boolean isWantedTable(Exchange exchange) {
        JobWork work = exchange.getProperty(EtlHeaders.JOB_WORK, JobWork.class);
        String name = exchange.getMessage().getHeader(EtlHeaders.ENTRY_NAME, String.class);
        return name != null && !name.contains("/") && work.isWantedCsv(name);
    }

    /** The body becomes the load request of the CSV entry, read from the archive as the load goes. */
    static void loadRequest(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        JobWork work = exchange.getProperty(EtlHeaders.JOB_WORK, JobWork.class);
        String name = in.getHeader(EtlHeaders.ENTRY_NAME, String.class);
        ZipEntries.EntryStream entry = in.getMandatoryBody(ZipEntries.EntryStream.class);
        exchange.setProperty(STREAM, entry);
        in.setBody(work.takeStreamedLoadRequest(name, entry.asLoadSource(), entry.claimedSize()));
    }

    /**
     * After the load (whatever its result): the rest of the entry is read (a table found loaded already, or failed on
     * a bad row, still has its CRC-32 verified), and an integrity failure fails the job.
     */
    static void afterLoad(Exchange exchange) throws Exception {
        ZipEntries.EntryStream entry = exchange.getProperty(STREAM, ZipEntries.EntryStream.class);
        exchange.removeProperty(STREAM);
        if (entry != null) {
            verified(entry, entry.name());
        }
    }

    private static void verified(ZipEntries.EntryStream entry, String name) throws IOException {
        try {
            entry.drainAndClose();
        } catch (IOException e) {
            throw new IOException("Unpacking " + name + " failed: " + e.getMessage(), e);
        }
    }

    /** An entry as a description parser sees it: not closed by it, and at most {@link #MAX_DESCRIPTION_BYTES}. */
    private static InputStream bounded(InputStream entry, String name) {
        return new SizeLimitedStream(entry, MAX_DESCRIPTION_BYTES, name + " is larger than " + MAX_DESCRIPTION_BYTES
                                                                   + " bytes", false);
    }
}
