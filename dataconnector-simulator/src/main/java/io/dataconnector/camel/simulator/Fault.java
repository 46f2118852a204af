package io.dataconnector.camel.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A fault to inject once (or {@link #times(int)} times) into the next matching request. Queue it with
 * {@code sim.faults().enqueue(...)}. Examples:
 * <pre>{@code
 * Fault.status(429).retryAfter("2").on("GET", "/jobs$")       // next GET .../jobs gets 429 Retry-After: 2
 * Fault.tokenExpired().on(Operation.LIST_JOB_FILES)            // 401 "token expired"
 * Fault.status(503).times(2)                                   // next two API calls get 503
 * Fault.truncatedDownload(1000)                                // next download stops after 1000 bytes
 * Fault.slowDownload(64 * 1024)                                // next download at 64 KiB/s
 * Fault.stalledDownload(100, Duration.ofSeconds(30))           // 100 bytes, then 30 s of silence, then the rest
 * Fault.expiredSignedUrl()                                     // next download gets 403 "Request has expired"
 * Fault.corruptZipCrc()                                        // next ZIP download has a wrong CRC in entry 1
 * Fault.status(504).afterProcessing().on(Operation.CREATE_REQUEST) // the request is created, the answer is 504
 * Fault.dropConnection().afterProcessing()                     // the call takes effect, the connection is closed
 * Fault.editResponse(json -> ...)                              // the call's JSON answer is changed before it is sent
 * }</pre>
 * Without {@code on(...)}, status, drop and edit faults match any Data Connector API call (not the token endpoint,
 * not downloads) and download faults match any signed URL download. A fault fires before the call is carried out
 * unless it is {@link #afterProcessing()}: then the server's state changes as usual and only the answer is replaced.
 */
public final class Fault {

    public enum Kind {
        STATUS, SLOW_DOWNLOAD, STALLED_DOWNLOAD, TRUNCATED_DOWNLOAD, EXPIRED_SIGNED_URL, CORRUPT_ZIP_CRC,
        /** The connection is closed without an answer. */
        DROP_CONNECTION,
        /** The JSON answer of the call is edited (always after processing). */
        EDIT_RESPONSE
    }

    private final Kind kind;
    private int status;
    private String retryAfter;
    private String message;
    private long bytesPerSecond;
    private long truncateAfter;
    private long stallAfter;
    private Duration stall;
    private String method;
    private Pattern pathPattern;
    private Set<Operation> operations;
    private int remaining = 1;
    private boolean afterProcessing;
    private Consumer<JsonNode> responseEditor;

    private Fault(Kind kind) {
        this.kind = kind;
    }

    /** Answer with this HTTP status and a JSON error body. */
    public static Fault status(int status) {
        Fault f = new Fault(Kind.STATUS);
        f.status = status;
        return f;
    }

    /** 401 with an "expired token" error body. */
    public static Fault tokenExpired() {
        return status(401).message("The token has expired.");
    }

    /** 429 with the given Retry-After header value (delta seconds or an HTTP-date). */
    public static Fault tooManyRequests(String retryAfter) {
        return status(429).retryAfter(retryAfter);
    }

    public static Fault serverError() {
        return status(500);
    }

    public static Fault serviceUnavailable() {
        return status(503);
    }

    /** Throttle the download body to about this many bytes per second. */
    public static Fault slowDownload(long bytesPerSecond) {
        Fault f = new Fault(Kind.SLOW_DOWNLOAD);
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("bytesPerSecond must be > 0");
        }
        f.bytesPerSecond = bytesPerSecond;
        return f;
    }

    /**
     * Send the headers and the first {@code afterBytes} of the body, then nothing for {@code stall} with the
     * connection open (a storage host that hangs), then the rest. The server stopping ends the stall (the connection
     * is dropped).
     */
    public static Fault stalledDownload(long afterBytes, Duration stall) {
        Fault f = new Fault(Kind.STALLED_DOWNLOAD);
        if (afterBytes < 0 || stall.isNegative() || stall.isZero()) {
            throw new IllegalArgumentException("afterBytes must be >= 0 and the stall positive");
        }
        f.stallAfter = afterBytes;
        f.stall = stall;
        return f;
    }

    /** Advertise the full Content-Length but close the connection after this many body bytes. */
    public static Fault truncatedDownload(long afterBytes) {
        Fault f = new Fault(Kind.TRUNCATED_DOWNLOAD);
        f.truncateAfter = afterBytes;
        return f;
    }

    /** The signed URL is treated as expired: 403 with an S3-like XML error. */
    public static Fault expiredSignedUrl() {
        return new Fault(Kind.EXPIRED_SIGNED_URL);
    }

    /** A downloaded ZIP has a wrong CRC-32 for its first entry (data descriptor and central directory). */
    public static Fault corruptZipCrc() {
        return new Fault(Kind.CORRUPT_ZIP_CRC);
    }

    /** Close the connection without answering (before or, with {@link #afterProcessing()}, after the call). */
    public static Fault dropConnection() {
        return new Fault(Kind.DROP_CONNECTION);
    }

    /**
     * Carry the call out, then hand its JSON answer (a page, an object or an array) to {@code editor} before it is
     * sent, e.g. to give one listed record a field the client must tolerate or cannot read.
     */
    public static Fault editResponse(Consumer<JsonNode> editor) {
        Fault f = new Fault(Kind.EDIT_RESPONSE);
        f.responseEditor = Objects.requireNonNull(editor, "editor");
        f.afterProcessing = true;
        return f;
    }

    /**
     * The call is carried out first (a POST creates its request, a DELETE deletes) and only its answer is replaced by
     * the fault: the ambiguous failure a client sees when a gateway times out or a connection drops after the server
     * acted.
     */
    public Fault afterProcessing() {
        if (kind != Kind.STATUS && kind != Kind.DROP_CONNECTION && kind != Kind.EDIT_RESPONSE) {
            throw new IllegalArgumentException("afterProcessing applies to status, drop and edit faults, not " + kind);
        }
        this.afterProcessing = true;
        return this;
    }

    /** Retry-After header value to send with a status fault. */
    public Fault retryAfter(String value) {
        this.retryAfter = value;
        return this;
    }

    /** The error message in the JSON body of a status fault. */
    public Fault message(String message) {
        this.message = message;
        return this;
    }

    /** Match a method (null or "*" = any) and a regex found anywhere in the request path. */
    public Fault on(String method, String pathRegex) {
        this.method = method;
        this.pathPattern = pathRegex == null ? null : Pattern.compile(pathRegex);
        return this;
    }

    /** Match these operations. */
    public Fault on(Operation... ops) {
        this.operations = EnumSet.copyOf(Arrays.asList(ops));
        return this;
    }

    /** Match any request (including the token endpoint and downloads, for status faults). */
    public Fault onAny() {
        this.operations = EnumSet.allOf(Operation.class);
        return this;
    }

    /** Fire this many times (default once). */
    public Fault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be >= 1");
        }
        this.remaining = n;
        return this;
    }

    public Kind kind() {
        return kind;
    }

    public int statusCode() {
        return status;
    }

    public String retryAfterValue() {
        return retryAfter;
    }

    public String messageText() {
        return message;
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    public long truncateAfter() {
        return truncateAfter;
    }

    /** Body bytes sent before a stalled download goes silent. */
    public long stallAfter() {
        return stallAfter;
    }

    /** How long a stalled download stays silent. */
    public Duration stall() {
        return stall;
    }

    public boolean isAfterProcessing() {
        return afterProcessing;
    }

    Consumer<JsonNode> responseEditor() {
        return responseEditor;
    }

    private boolean isCallFault() {
        return kind == Kind.STATUS || kind == Kind.DROP_CONNECTION || kind == Kind.EDIT_RESPONSE;
    }

    boolean matches(String reqMethod, String path, Operation op) {
        if (!isCallFault() && op != Operation.DOWNLOAD) {
            return false;
        }
        if (method != null && !"*".equals(method) && !method.equalsIgnoreCase(reqMethod)) {
            return false;
        }
        if (pathPattern != null && !pathPattern.matcher(path).find()) {
            return false;
        }
        if (operations != null) {
            return operations.contains(op);
        }
        if (pathPattern != null || method != null) {
            return true;
        }
        return isCallFault() ? op.isApi() : op == Operation.DOWNLOAD;
    }

    /** Consume one use; true when used up. */
    boolean consume() {
        return --remaining <= 0;
    }

    @Override
    public String toString() {
        return "Fault[" + kind + (status > 0 ? " " + status : "") + ", method=" + method + ", path="
                + (pathPattern == null ? null : pathPattern.pattern()) + ", ops=" + operations + ", remaining=" + remaining
                + (afterProcessing ? ", after processing" : "") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(this));
    }
}
