package io.dataconnector.camel.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTTP front: records every request, moves the state along the clock, fires a matching injected fault, then
 * hands the request to the token endpoint, the storage handler or (once admitted) the API; errors become the
 * API's JSON error responses.
 */
final class SimulatorHttpHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(DataConnectorSimulator.class.getName());

    private final Clock clock;
    private final RequestRecorder recorder;
    private final SimulatorState state;
    private final Faults faults;
    private final TokenEndpoint tokenEndpoint;
    private final StorageHandler storage;
    private final ApiGate gate;
    private final ApiRouter router;
    private final SchemaDocApi schemaDocs;

    SimulatorHttpHandler(Clock clock, RequestRecorder recorder, SimulatorState state, Faults faults,
                         TokenEndpoint tokenEndpoint, StorageHandler storage, ApiGate gate, ApiRouter router,
                         SchemaDocApi schemaDocs) {
        this.clock = clock;
        this.recorder = recorder;
        this.state = state;
        this.faults = faults;
        this.tokenEndpoint = tokenEndpoint;
        this.storage = storage;
        this.gate = gate;
        this.router = router;
        this.schemaDocs = schemaDocs;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = ex.getRequestURI().getPath();
        String rawQuery = ex.getRequestURI().getRawQuery();
        try {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> query = QueryStrings.parse(rawQuery);
            Operation op = ApiPaths.classify(method, path);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            recorder.record(new RecordedRequest(method, path, rawQuery, Collections.unmodifiableMap(query),
                    Collections.unmodifiableMap(headers), body, clock.instant(), op));
            // signed URL paths carry the grant token: not logged
            LOG.log(System.Logger.Level.DEBUG, () -> method + " " + (op == Operation.DOWNLOAD ? "/storage/***"
                    : path) + " -> " + op);
            state.tick();
            Fault fault = faults.poll(method, path, op);
            if (fault != null && fault.kind() == Fault.Kind.STATUS) {
                FaultReplies.reply(fault, op).writeTo(ex);
                return;
            }
            if (fault != null && fault.kind() == Fault.Kind.DROP_CONNECTION) {
                throw new DropConnection();
            }
            switch (op) {
                case TOKEN:
                    tokenEndpoint.answer(body, headers).writeTo(ex);
                    return;
                case SCHEMA_DOC:
                    schemaDocs.answer(query).writeTo(ex);
                    return;
                case DOWNLOAD:
                    storage.serve(ex, method, path, query, fault);
                    return;
                case UNKNOWN:
                    throw ApiError.notFound();
                default:
                    HttpReply reply = router.route(op, gate.admit(path, headers), query, body);
                    Fault after = faults.pollAfterProcessing(method, path, op);
                    (after == null ? reply : FaultReplies.afterProcessing(after, op, reply)).writeTo(ex);
            }
        } catch (RateLimitExceeded e) {
            HttpReply.json(429, JsonViews.error("Rate limit exceeded; wait some time before retrying.",
                    "TOO_MANY_REQUESTS"), Map.of("Retry-After", String.valueOf(e.retryAfterSeconds))).writeTo(ex);
        } catch (ApiError e) {
            HttpReply.json(e.status, JsonViews.error(e.getMessage(), e.code), e.status == 401
                    ? Map.of("WWW-Authenticate", "Bearer") : Map.of()).writeTo(ex);
        } catch (DropConnection e) {
            throw e;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "I/O error while answering {0}: {1}", method, e.toString());
            ex.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "simulator error on " + method + " " + path, e);
            try {
                HttpReply.json(500, JsonViews.error("Internal simulator error: " + e, "INTERNAL_ERROR"))
                        .writeTo(ex);
            } catch (IOException | RuntimeException ignored) {
                ex.close();
            }
        }
    }
}
