package io.dataconnector.camel.simulator;

import java.util.Random;
import java.util.UUID;

/** Sequence numbers and version-4 UUIDs drawn from the simulator's seed, so ids repeat from run to run. */
final class IdSource {

    private final Random random;
    private long seq;

    IdSource(long seed) {
        this.random = new Random(seed);
    }

    long nextSeq() {
        return ++seq;
    }

    String nextUuid() {
        long msb = random.nextLong() & 0xffffffffffff0fffL | 0x4000L;
        long lsb = random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
