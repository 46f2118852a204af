package io.dataconnector.camel.etl;

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
        JobWork work = exchange.getProperty(EtlHeaders.JOB_WORK, JobWork.class);
        String name = in.getHeader(EtlHeaders.ENTRY_NAME, String.class);
        if (name == null || name.contains("/") || !work.wants(name)) {
            // not wanted: still read through it, so the whole download's integrity (CRC-32) is verified
            try (InputStream body = in.getMandatoryBody(InputStream.class)) {
                body.transferTo(OutputStream.nullOutputStream());
            }
            return;
        }
        Path target = work.getDir().resolve("entry-" + DownloadSpooler.safe(name));
        try (InputStream body = in.getMandatoryBody(InputStream.class)) {
            Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
            // read to the end so ZipInputStream verifies the entry's CRC-32 now
            if (body.read() != -1) {
                throw new IOException("Entry " + name + " has trailing data");
            }
        } catch (IOException e) {
            Files.deleteIfExists(target);
            throw new IOException("Unpacking " + name + " failed: " + e.getMessage(), e);
        }
        work.spooled(name, target);
    }
}
