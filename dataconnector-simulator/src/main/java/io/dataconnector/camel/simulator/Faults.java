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

    synchronized Fault poll(String method, String path, Operation op) {
        for (Iterator<Fault> it = queue.iterator(); it.hasNext(); ) {
            Fault f = it.next();
            if (f.matches(method, path, op)) {
                if (f.consume()) {
                    it.remove();
                }
                return f;
            }
        }
        return null;
    }
}
