package io.dataconnector.camel.simulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/** Every request the simulator received, in arrival order, for tests to inspect. */
final class RequestRecorder {

    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();

    void record(RecordedRequest r) {
        recorded.add(r);
    }

    List<RecordedRequest> all() {
        return List.copyOf(recorded);
    }

    /** With this method (null = any) and a path in which the regex is found. */
    List<RecordedRequest> matching(String method, String pathRegex) {
        Pattern p = Pattern.compile(pathRegex);
        return recorded.stream().filter(r -> method == null || r.method().equalsIgnoreCase(method))
                .filter(r -> p.matcher(r.path()).find()).toList();
    }

    List<RecordedRequest> of(Operation op) {
        return recorded.stream().filter(r -> r.operation() == op).toList();
    }

    /** Data Connector API calls (not token requests, not downloads). */
    int apiCallCount() {
        return (int) recorded.stream().filter(r -> r.operation().isApi()).count();
    }

    void clear() {
        recorded.clear();
    }
}
