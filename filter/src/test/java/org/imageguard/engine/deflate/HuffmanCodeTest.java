package org.imageguard.engine.deflate;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class HuffmanCodeTest {

    @Test
    void skewedFrequenciesGetTheTextbookLengths() {
        assertThat(HuffmanCode.lengths(new int[] {1, 1, 2, 4, 8}, 15)).containsExactly(4, 4, 3, 2, 1);
    }

    @Test
    void theLengthLimitHolds() {
        int[] fibonacci = {1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765};
        int[] lengths = HuffmanCode.lengths(fibonacci, 7);
        assertThat(java.util.Arrays.stream(lengths).boxed()).allSatisfy(l -> assertThat(l).isBetween(1, 7));
        assertThat(kraft(lengths)).isEqualTo(1.0);
    }

    @Property(tries = 300)
    void everyUsedSymbolGetsACompleteLimitedCode(@ForAll @Size(min = 2, max = 288) int[] frequencies,
                                                 @ForAll @IntRange(min = 9, max = 15) int limit) {
        for (int i = 0; i < frequencies.length; i++) {
            frequencies[i] = Math.floorMod(frequencies[i], 1000);
        }
        frequencies[0] = 1;
        frequencies[1] = 1;
        int[] lengths = HuffmanCode.lengths(frequencies, limit);
        for (int i = 0; i < frequencies.length; i++) {
            assertThat(lengths[i] > 0).isEqualTo(frequencies[i] > 0);
            assertThat(lengths[i]).isLessThanOrEqualTo(limit);
        }
        assertThat(kraft(lengths)).isEqualTo(1.0);
    }

    private static double kraft(int[] lengths) {
        double sum = 0;
        for (int l : lengths) {
            sum += l == 0 ? 0 : Math.pow(2, -l);
        }
        return sum;
    }
}
