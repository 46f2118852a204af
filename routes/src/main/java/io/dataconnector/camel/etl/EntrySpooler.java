package io.dataconnector.camel.etl;

import io.dataconnector.camel.etl.warehouse.CsvNumberProfiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Writes one ZIP entry the job wants (a CSV to load, or its schema JSON) into the job's work directory, under a name
 * of our own (never the entry's path), and registers it in the {@link JobWork}. Entries the job does not want are
 * read through and discarded, so every entry's CRC-32 is verified.
 */
public class EntrySpooler implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        try (InputStream body = in.getMandatoryBody(InputStream.class)) {
            spool(exchange.getProperty(EtlHeaders.JOB_WORK, JobWork.class),
                    in.getHeader(EtlHeaders.ENTRY_NAME, String.class), body);
        }
    }

    /**
     * Writes one entry into the job's work directory when the job wants it (registered in the {@link JobWork}), else
     * reads it through; either way the entry is read to its end, so its CRC-32 is verified.
     *
     * @param name the entry's name in the archive (null: not wanted)
     * @param body the entry's bytes (not closed here)
     * @return the file written, or null when the job does not want the entry
     * @throws IOException when the entry cannot be read (CRC-32 mismatch, size limit) or written; nothing is left
     */
    static Path spool(JobWork work, String name, InputStream body) throws IOException {
        if (name == null || name.contains("/") || !work.wants(name)) {
            // not wanted: still read through it, so the whole download's integrity (CRC-32) is verified
            body.transferTo(OutputStream.nullOutputStream());
            return null;
        }
        Path target = work.getDir().resolve("entry-" + DownloadSpooler.safe(name));
        try {
            if (work.isWantedCsv(name) && work.mayHaveNumbers(name)) {
                // measured on the way, so the load need not read the file once more to type its number columns
                CsvNumberProfiles.copyMeasured(body, target, name);
            } else {
                Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
            }
            // read to the end so ZipInputStream verifies the entry's CRC-32 now
            if (body.read() != -1) {
                throw new IOException("Entry " + name + " has trailing data");
            }
        } catch (IOException e) {
            Files.deleteIfExists(target);
            throw new IOException("Unpacking " + name + " failed: " + e.getMessage(), e);
        }
        work.spooled(name, target);
        return target;
    }
}
