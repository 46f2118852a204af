package io.dataconnector.camel.etl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Distinct 64-bit hashes in bounded memory: a repeat, or more hashes than the cap, is never "distinct". */
class DistinctHashesTest {

    @Test
    void manyDifferentHashesAreDistinct() {
        DistinctHashes h = new DistinctHashes(1 << 20);
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 300_000; i++) {
            h.add(random.nextLong());
        }
        assertThat(h.allDistinct()).isTrue();
    }

    @Test
    void oneRepeatAmongManyIsFound() {
        DistinctHashes h = new DistinctHashes(1 << 20);
        SplittableRandom random = new SplittableRandom(7);
        long repeated = 0;
        for (int i = 0; i < 200_000; i++) {
            long v = random.nextLong();
            if (i == 1234) {
                repeated = v;
            }
            h.add(v);
        }
        h.add(repeated);
        assertThat(h.allDistinct()).isFalse();
    }

    @Test
    void aRepeatInTheSameTopByteBucketOrAdjacentAfterSortingIsFound() {
        DistinctHashes h = new DistinctHashes(100);
        h.add(0x7F00000000000002L);
        h.add(0x7F00000000000001L);
        h.add(0x0100000000000001L);
        h.add(0x7F00000000000002L);
        assertThat(h.allDistinct()).isFalse();
    }

    @Test
    void noHashOrOneIsDistinct() {
        assertThat(new DistinctHashes(10).allDistinct()).isTrue();
        DistinctHashes one = new DistinctHashes(10);
        one.add(-1L);
        assertThat(one.allDistinct()).isTrue();
    }

    @Test
    void moreHashesThanTheCapAreNotKnownToBeDistinct() {
        DistinctHashes h = new DistinctHashes(3);
        h.add(1);
        h.add(2);
        h.add(3);
        assertThat(h.allDistinct()).isTrue();
        DistinctHashes over = new DistinctHashes(3);
        for (int i = 1; i <= 4; i++) {
            over.add(i);
        }
        assertThat(over.allDistinct()).isFalse();
    }

    @Test
    void aNegativeCapIsRefused() {
        assertThatThrownBy(() -> new DistinctHashes(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
