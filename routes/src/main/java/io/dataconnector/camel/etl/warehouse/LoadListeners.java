package io.dataconnector.camel.etl.warehouse;

import java.util.List;
import java.util.function.Supplier;

/**
 * Every {@link LoadListener} of the application as one: the list is looked up on the first callback (so listeners
 * bound after the routes were built are seen), then kept.
 */
public final class LoadListeners implements LoadListener {

    private final Supplier<List<LoadListener>> lookup;
    private volatile List<LoadListener> listeners;

    /** @param lookup finds the listeners, e.g. in the Camel registry; called once */
    public LoadListeners(Supplier<List<LoadListener>> lookup) {
        this.lookup = lookup;
    }

    private List<LoadListener> all() {
        List<LoadListener> l = listeners;
        if (l == null) {
            synchronized (this) {
                if (listeners == null) {
                    listeners = List.copyOf(lookup.get());
                }
                l = listeners;
            }
        }
        return l;
    }

    @Override
    public void staged(LoadRequest request, String table) {
        all().forEach(l -> l.staged(request, table));
    }

    @Override
    public void swapped(LoadRequest request, String table) {
        all().forEach(l -> l.swapped(request, table));
    }

    @Override
    public void committed(LoadResult result) {
        all().forEach(l -> l.committed(result));
    }

    @Override
    public void jobLoaded(String jobId) {
        all().forEach(l -> l.jobLoaded(jobId));
    }
}
