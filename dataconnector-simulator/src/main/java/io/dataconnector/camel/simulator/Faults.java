package io.dataconnector.camel.simulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The queue of pending faults. The first queued fault that matches a request fires. */
public final class Faults {

    private final List<Fault> queue = new ArrayList<>();

    public synchronized Faults enqueue(Fault fault) {
        queue.add(fault);
        return this;
    }

    public synchronized void clear() {
        queue.clear();
    }

    /** Faults not yet fired. */
    public synchronized List<Fault> pending() {
        return List.copyOf(queue);
    }

    /** The first matching fault that fires before the call is carried out. */
    synchronized Fault poll(String method, String path, Operation op) {
        return poll(method, path, op, false);
    }

    /** The first matching {@link Fault#afterProcessing()} fault, once the call has been carried out. */
    synchronized Fault pollAfterProcessing(String method, String path, Operation op) {
        return poll(method, path, op, true);
    }

    private Fault poll(String method, String path, Operation op, boolean afterProcessing) {
        for (Iterator<Fault> it = queue.iterator(); it.hasNext(); ) {
            Fault f = it.next();
            if (f.isAfterProcessing() == afterProcessing && f.matches(method, path, op)) {
                if (f.consume()) {
                    it.remove();
                }
                return f;
            }
        }
        return null;
    }
}
