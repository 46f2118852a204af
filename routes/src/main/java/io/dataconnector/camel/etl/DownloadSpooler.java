package io.dataconnector.camel.etl;

import io.dataconnector.camel.component.DataConnectorConstants;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The second half of a signed-URL download (after the Camel HTTP call): a 403 "expired" sets
 * {@link EtlHeaders#URL_EXPIRED} so the route asks for a fresh URL; another error status fails with a message that
 * never contains the URL; a 2xx body is streamed to a file in the job's work directory and checked against the size
 * the data listing announced. The body becomes the file's {@link Path}.
 */
public class DownloadSpooler implements Processor {

    /** The configuration key bounding one download's total duration (ms). */
    public static final String MAX_DURATION = "etl.download.max-duration";
    static final long DEFAULT_MAX_DURATION = 3_600_000L;

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        String fileName = in.getHeader(DataConnectorConstants.FILE_NAME, String.class);
        int status = in.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        JobWork work = exchange.getProperty(EtlHeaders.JOB_WORK, JobWork.class);
        if (status == 403 || status == 400 && bodyText(in).contains("xpired")) {
            String text = status == 403 ? bodyText(in) : "expired";
            if (text.toLowerCase().contains("expired") || text.contains("AccessDenied")) {
                in.setHeader(EtlHeaders.URL_EXPIRED, true);
                in.setBody(null);
                return;
            }
        }
        if (status < 200 || status >= 300) {
            close(in);
            throw new IOException("Download of " + fileName + " failed with HTTP " + status);
        }
        in.removeHeader(EtlHeaders.URL_EXPIRED);
        Path target = work.getDir().resolve("download-" + safe(fileName));
        long maxMillis = Long.parseLong(exchange.getContext().resolvePropertyPlaceholders(
                "{{" + MAX_DURATION + ":" + DEFAULT_MAX_DURATION + "}}").trim());
        long written = 0;
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
                    abort(body);
                    throw new IOException("it took longer than " + MAX_DURATION + " (" + maxMillis + " ms) after "
                                          + written + " bytes");
                }
            }
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

    /** Drops the connection: closing the stream instead would read the rest of the body first. */
    private static void abort(InputStream body) {
        if (body instanceof org.apache.hc.core5.http.io.EofSensorInputStream eof) {
            try {
                eof.abort();
            } catch (IOException ignored) {
                // the connection is being dropped anyway
            }
        }
    }

    private static String bodyText(Message in) {
        try {
            Object b = in.getBody();
            if (b instanceof InputStream is) {
                String s = new String(is.readNBytes(4096), StandardCharsets.UTF_8);
                is.close();
                in.setBody(s);
                return s;
            }
            return b == null ? "" : in.getBody(String.class);
        } catch (IOException e) {
            return "";
        }
    }

    private static void close(Message in) {
        if (in.getBody() instanceof InputStream is) {
            try {
                is.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    static String safe(String fileName) {
        return fileName == null ? "file" : fileName.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
