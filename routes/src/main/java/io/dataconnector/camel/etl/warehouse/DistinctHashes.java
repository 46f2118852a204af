package io.dataconnector.camel.etl.warehouse;

import java.util.Arrays;

/**
 * Collects 64-bit hashes and tells whether no hash came twice, in bounded memory: the hashes are spread over 256
 * buckets by their top byte, each a primitive array grown by doubling (about 8 to 16 bytes a hash, no object per
 * hash), and sorted bucket by bucket at the end. Past {@code cap} hashes it stops collecting and answers false, as it
 * does for a repeated hash: false means "not known to be distinct", never "a repeat".
 */
final class DistinctHashes {

    private static final int BUCKETS = 256;

    private final long cap;
    private final long[][] buckets = new long[BUCKETS][];
    private final int[] sizes = new int[BUCKETS];
    private long count;
    private boolean overflow;

    /** @param cap the most hashes collected (beyond it, {@link #allDistinct()} is false) */
    DistinctHashes(long cap) {
        if (cap < 0) {
            throw new IllegalArgumentException("cap must be zero or positive, not " + cap);
        }
        this.cap = cap;
    }

    void add(long hash) {
        if (overflow) {
            return;
        }
        if (count >= cap) {
            overflow = true;
            Arrays.fill(buckets, null); // the memory goes back at once
            return;
        }
        int b = (int) (hash >>> 56);
        long[] bucket = buckets[b];
        int n = sizes[b];
        if (bucket == null) {
            bucket = buckets[b] = new long[16];
        } else if (n == bucket.length) {
            bucket = buckets[b] = Arrays.copyOf(bucket, n * 2);
        }
        bucket[n] = hash;
        sizes[b] = n + 1;
        count++;
    }

    /**
     * Sorts each bucket in place (once; later adds are not allowed) and compares neighbours.
     *
     * @return true when at most {@code cap} hashes came and no two were equal
     */
    boolean allDistinct() {
        if (overflow) {
            return false;
        }
        for (int b = 0; b < BUCKETS; b++) {
            long[] bucket = buckets[b];
            int n = sizes[b];
            if (n < 2) {
                continue;
            }
            Arrays.sort(bucket, 0, n);
            for (int i = 1; i < n; i++) {
                if (bucket[i] == bucket[i - 1]) {
                    return false;
                }
            }
        }
        return true;
    }
}
