package org.imageguard.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GatheredOutputTest {

    @Test
    void piecesComeOutInOrderWithAdjacentSlicesOfOneArrayJoined() {
        byte[] input = {0, 1, 2, 3, 4, 5, 6, 7};
        GatheredOutput out = new GatheredOutput();
        out.add(input, 1, 2);
        out.add(input, 3, 2); // adjacent to the first: one copy
        out.add(new byte[] {9});
        out.add(input, 0, 1);
        out.add(input, 6, 2); // same array, not adjacent

        assertThat(out.size()).isEqualTo(8);
        assertThat(out.toByteArray()).containsExactly(1, 2, 3, 4, 9, 0, 6, 7);
    }

    @Test
    void theResultIsANewArrayEvenForOneWholePiece() {
        byte[] input = {1, 2, 3};
        GatheredOutput out = new GatheredOutput();
        out.add(input);

        assertThat(out.toByteArray()).containsExactly(1, 2, 3).isNotSameAs(input);
    }
}
