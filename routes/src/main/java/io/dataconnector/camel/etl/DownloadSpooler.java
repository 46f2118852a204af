package io.dataconnector.camel.etl;

import io.dataconnector.camel.component.DataConnectorConstants;
import io.dataconnector.camel.component.api.DownloadStalledException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The second half of a signed-URL download, after {@code dataconnector:downloadJobFile} (whose read timeout fails a
 * stalled storage host): the file's stream is written to a file in the job's work directory within
 * {@value #MAX_DURATION} and checked against the size the data listing announced. The body becomes the file's
 * {@link Path}. A failure names the file, never the signed URL, and leaves no partial file.
 */
public class DownloadSpooler implements Processor {

    /** The configuration key bounding one download's total duration (ms). */
    public static final String MAX_DURATION = "etl.download.max-duration";
    static final long DEFAULT_MAX_DURATION = 3_600_000L;

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        String fileName = in.getHeader(DataConnectorConstants.FILE_NAME, String.class);
        JobWork work = exchange.getProperty(EtlHeaders.JOB_WORK, JobWork.class);
        Path target = work.getDir().resolve("download-" + safe(fileName));
        long maxMillis = Long.parseLong(exchange.getContext().resolvePropertyPlaceholders(
                "{{" + MAX_DURATION + ":" + DEFAULT_MAX_DURATION + "}}").trim());
        long written = 0;
        // closing the body before its end drops the connection instead of reading the rest
        try (InputStream body = in.getMandatoryBody(InputStream.class);
             OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
                     StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            // the read timeout bounds a stall; this deadline bounds a server that trickles bytes forever
            long deadline = System.nanoTime() + maxMillis * 1_000_000L;
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                written += n;
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("it took longer than " + MAX_DURATION + " (" + maxMillis + " ms) after "
                                          + written + " bytes");
                }
            }
        } catch (DownloadStalledException e) {
            Files.deleteIfExists(target);
            throw new IOException(e.getMessage() + " (etl.download.read-timeout)", e);
        } catch (IOException e) {
            Files.deleteIfExists(target);
            throw new IOException("Download of " + fileName + " broke off: " + e.getMessage(), e);
        }
        Long expected = in.getHeader(EtlHeaders.EXPECTED_SIZE, Long.class);
        if (expected != null && expected >= 0 && expected != written) {
            Files.deleteIfExists(target);
            throw new IOException("Download of " + fileName + " is " + written + " bytes; the data listing announced "
                                  + expected);
        }
        in.setBody(target);
    }

    static String safe(String fileName) {
        return fileName == null ? "file" : fileName.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
