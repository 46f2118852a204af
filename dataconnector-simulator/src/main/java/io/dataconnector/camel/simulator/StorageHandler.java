package io.dataconnector.camel.simulator;

import com.sun.net.httpserver.HttpExchange;
import io.dataconnector.camel.simulator.SignedUrls.Grant;
import io.dataconnector.camel.simulator.SimState.JobState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Serves GET/HEAD of signed URLs like S3 does: checks the grant, signature and expiry (403 with an XML error),
 * then streams the file, applying download faults (truncation, throttling, a stall, a corrupt ZIP CRC, forced expiry).
 */
final class StorageHandler {

    private static final int CHUNK = 65536;

    private final SimulatorState state;
    private final JobExtracts extracts;
    private final SignedUrls signedUrls;
    private final Clock clock;

    StorageHandler(SimulatorState state, JobExtracts extracts, SignedUrls signedUrls, Clock clock) {
        this.state = state;
        this.extracts = extracts;
        this.signedUrls = signedUrls;
        this.clock = clock;
    }

    /** @param fault a download fault to apply, or null */
    void serve(HttpExchange ex, String method, String path, Map<String, List<String>> query, Fault fault)
            throws IOException {
        String rest = path.substring(SignedUrls.STORAGE_PREFIX.length());
        int slash = rest.indexOf('/');
        String token = slash < 0 ? rest : rest.substring(0, slash);
        String name = slash < 0 ? "" : rest.substring(slash + 1);
        ContentSource content;
        HttpReply refusal = null;
        Instant now = clock.instant();
        synchronized (state.lock) {
            Grant g = signedUrls.grant(token);
            content = null;
            if (g == null || !g.name().equals(name)) {
                refusal = S3Errors.error(403, "AccessDenied", "Access Denied");
            } else if (!g.signature().equals(QueryStrings.first(query, "Signature"))) {
                refusal = S3Errors.error(403, "SignatureDoesNotMatch", "The request signature we calculated does "
                        + "not match the signature you provided.");
            } else if (now.isAfter(g.expiresAt()) || is(fault, Fault.Kind.EXPIRED_SIGNED_URL)) {
                refusal = S3Errors.expired(g.expiresAt(), now, OpaqueTokens.next(8));
            } else {
                JobState j = state.job(g.jobId());
                Extract.Entry e = j == null || !"success".equals(j.completionStatus) ? null : extracts.of(j).get(name);
                if (e == null) {
                    refusal = S3Errors.error(404, "NoSuchKey", "The specified key does not exist.");
                } else {
                    content = e.content();
                    if ("GET".equals(method)) {
                        j.lastDownloadedAt = now;
                        j.lastDownloadedBy = j.createdByEmail;
                    }
                }
            }
        }
        if (refusal != null) {
            refusal.writeTo(ex);
            return;
        }
        if (is(fault, Fault.Kind.CORRUPT_ZIP_CRC)) {
            content = ContentSource.of(ExtractGenerator.corruptFirstCrc(readAll(content)));
        }
        stream(ex, method, name, content, fault);
    }

    private static void stream(HttpExchange ex, String method, String name, ContentSource content, Fault fault)
            throws IOException {
        long size = content.size();
        ex.getResponseHeaders().set("Content-Type", contentType(name));
        ex.getResponseHeaders().set("ETag", "\"" + Integer.toHexString(name.hashCode()) + Long.toHexString(size)
                + "\"");
        ex.getResponseHeaders().set("x-amz-server-side-encryption", "AES256");
        if ("HEAD".equals(method)) {
            ex.getResponseHeaders().set("Content-Length", String.valueOf(size));
            ex.sendResponseHeaders(200, -1);
            ex.close();
            return;
        }
        ex.sendResponseHeaders(200, size == 0 ? -1 : size);
        if (size == 0) {
            ex.close();
            return;
        }
        long limit = is(fault, Fault.Kind.TRUNCATED_DOWNLOAD) ? fault.truncateAfter() : size;
        long bytesPerSecond = is(fault, Fault.Kind.SLOW_DOWNLOAD) ? fault.bytesPerSecond() : 0;
        long stallAt = is(fault, Fault.Kind.STALLED_DOWNLOAD) ? fault.stallAfter() : -1;
        OutputStream out = ex.getResponseBody();
        try (InputStream in = content.open()) {
            int chunk = bytesPerSecond > 0 ? (int) Math.max(1, Math.min(CHUNK, bytesPerSecond / 20)) : CHUNK;
            byte[] buf = new byte[chunk];
            long sent = 0;
            while (sent < limit) {
                if (sent == stallAt) {
                    out.flush();
                    pause(fault.stall().toMillis());
                }
                long upTo = stallAt > sent ? Math.min(limit, stallAt) : limit;
                int n = in.read(buf, 0, (int) Math.min(buf.length, upTo - sent));
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                sent += n;
                if (bytesPerSecond > 0) {
                    out.flush();
                    pause(n * 1000L / bytesPerSecond);
                }
            }
            if (sent < size) {
                out.flush();
                throw new DropConnection();
            }
        }
        out.close();
    }

    /** Throttling a slow download, or a stall; an interrupt (server stopping) drops the connection. */
    private static void pause(long millis) throws DropConnection {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new DropConnection();
        }
    }

    private static boolean is(Fault fault, Fault.Kind kind) {
        return fault != null && fault.kind() == kind;
    }

    private static byte[] readAll(ContentSource content) throws IOException {
        byte[] b = content.bytes();
        if (b != null) {
            return b;
        }
        try (InputStream in = content.open()) {
            return in.readAllBytes();
        }
    }

    private static String contentType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv")) {
            return "text/csv";
        } else if (n.endsWith(".zip")) {
            return "application/zip";
        } else if (n.endsWith(".html")) {
            return "text/html";
        } else if (n.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }
}
