package io.dataconnector.camel.component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.dataconnector.camel.component.api.DataConnectorClient;

/**
 * The outcome of the last health probe per client and account, reused for a while: however many health checks a
 * connection has and however often a probe (e.g. Kubernetes, every scrape of /observe/health) asks them, the API
 * sees at most one probe call per client and account per interval, so health checks cannot eat the account's
 * 60 calls a minute.
 */
final class ProbeOutcomes {

    private record Key(DataConnectorClient client, String accountId) {
    }

    /** nanoTime of the probe and its failure, or null when it succeeded */
    private record Outcome(long at, RuntimeException failure) {
    }

    private final Map<Key, Outcome> outcomes = new ConcurrentHashMap<>();

    /**
     * Runs {@code probe} unless a probe of this client and account ended less than {@code intervalMillis} ago, in
     * which case that probe's outcome is repeated (its exception thrown again).
     *
     * @param intervalMillis how long an outcome is reused, in ms; 0 or less probes every time
     * @throws RuntimeException what the probe (or the reused one) threw
     */
    void probe(DataConnectorClient client, String accountId, long intervalMillis, Runnable probe) {
        if (intervalMillis <= 0) {
            probe.run();
            return;
        }
        Key key = new Key(client, String.valueOf(accountId));
        Outcome fresh = outcomes.compute(key, (k, last) -> {
            long now = System.nanoTime();
            if (last != null && now - last.at() < intervalMillis * 1_000_000L) {
                return last;
            }
            try {
                probe.run();
                return new Outcome(now, null);
            } catch (RuntimeException e) {
                return new Outcome(now, e);
            }
        });
        if (fresh.failure() != null) {
            throw fresh.failure();
        }
    }

    void clear() {
        outcomes.clear();
    }
}
