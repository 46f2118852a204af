package io.dataconnector.camel.etl.warehouse;

/**
 * Collects 64-bit hashes and tells whether no hash came twice, in bounded memory: an open-addressing set of primitive
 * longs (linear probing, at most three quarters full, doubled as it fills: 8 to 16 bytes a hash, no object per hash)
 * that notices a repeat as it is added, so the answer needs no pass at the end. Past {@code cap} hashes it drops the set
 * and answers false, as it does after a repeated hash: false means "not known to be distinct", never "a repeat".
 * The hashes are expected to be well mixed (the slot is taken from their top bits).
 */
final class DistinctHashes {

    private static final int INITIAL_BITS = 12;

    private final long cap;
    private long[] slots = new long[1 << INITIAL_BITS]; // 0: empty (the hash 0 is kept apart)
    private int bits = INITIAL_BITS;
    private long size;
    private boolean zero;
    private boolean repeat;
    private boolean overflow;

    /** @param cap the most hashes collected (beyond it, {@link #allDistinct()} is false) */
    DistinctHashes(long cap) {
        if (cap < 0) {
            throw new IllegalArgumentException("cap must be zero or positive, not " + cap);
        }
        this.cap = cap;
    }

    void add(long hash) {
        if (repeat || overflow) {
            return;
        }
        if (size >= cap) {
            overflow = true;
            slots = null; // the memory goes back at once
            return;
        }
        if (hash == 0) {
            repeat = zero;
            zero = true;
            size++;
            return;
        }
        long[] s = slots;
        int mask = s.length - 1;
        int i = (int) (hash >>> (64 - bits));
        long there;
        while ((there = s[i]) != 0) {
            if (there == hash) {
                repeat = true;
                slots = null;
                return;
            }
            i = (i + 1) & mask;
        }
        s[i] = hash;
        if (++size > (long) s.length * 3 / 4) {
            grow();
        }
    }

    private void grow() {
        long[] old = slots;
        bits++;
        long[] s = new long[1 << bits];
        int mask = s.length - 1;
        for (long hash : old) {
            if (hash != 0) {
                int i = (int) (hash >>> (64 - bits));
                while (s[i] != 0) {
                    i = (i + 1) & mask;
                }
                s[i] = hash;
            }
        }
        slots = s;
    }

    /** @return true when at most {@code cap} hashes came and no two were equal */
    boolean allDistinct() {
        return !repeat && !overflow;
    }
}
