package org.imageguard.engine.deflate;

/**
 * The symbol alphabets of deflate (RFC 1951 section 3.2.5): match lengths 3..258 map to literal/length symbols
 * 257..285 plus extra bits, distances 1..32768 to distance symbols 0..29 plus extra bits.
 */
final class DeflateSymbols {

    static final int MIN_MATCH = 3;
    static final int MAX_MATCH = 258;
    static final int WINDOW = 32768;
    static final int END_OF_BLOCK = 256;
    /** Literal/length symbols 0..285 (286 and 287 exist in the fixed code but never occur). */
    static final int LITLEN_SYMBOLS = 288;
    static final int DIST_SYMBOLS = 30;

    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
        67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
        5, 5, 5, 5, 0};
    private static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513,
        769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DIST_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
        11, 11, 12, 12, 13, 13};

    /** Index: match length; value: its code index 0..28 (symbol − 257). */
    private static final byte[] LENGTH_CODE = new byte[MAX_MATCH + 1];
    /** Index: distance − 1 below 256, else 256 + ((distance − 1) >> 7); value: distance symbol. */
    private static final byte[] DIST_CODE = new byte[512];

    static {
        for (int code = 0; code < LENGTH_BASE.length; code++) {
            int top = code + 1 < LENGTH_BASE.length ? LENGTH_BASE[code + 1] : MAX_MATCH + 1;
            for (int len = LENGTH_BASE[code]; len < top && len <= MAX_MATCH; len++) {
                LENGTH_CODE[len] = (byte) code;
            }
        }
        for (int code = 0; code < DIST_BASE.length; code++) {
            int top = code + 1 < DIST_BASE.length ? DIST_BASE[code + 1] : WINDOW + 1;
            for (int d = DIST_BASE[code]; d < top; d++) {
                int index = d <= 256 ? d - 1 : 256 + ((d - 1) >> 7);
                DIST_CODE[index] = (byte) code;
            }
        }
    }

    private DeflateSymbols() {
    }

    static int lengthSymbol(int length) {
        return 257 + LENGTH_CODE[length];
    }

    static int lengthExtraBits(int length) {
        return LENGTH_EXTRA[LENGTH_CODE[length]];
    }

    static int lengthExtraValue(int length) {
        return length - LENGTH_BASE[LENGTH_CODE[length]];
    }

    static int distSymbol(int distance) {
        return DIST_CODE[distance <= 256 ? distance - 1 : 256 + ((distance - 1) >> 7)];
    }

    static int distExtraBits(int symbol) {
        return DIST_EXTRA[symbol];
    }

    static int distExtraValue(int distance) {
        return distance - DIST_BASE[distSymbol(distance)];
    }

    /** Extra bits that follow literal/length symbol {@code symbol} (0 for literals and end of block). */
    static int symbolExtraBits(int symbol) {
        return symbol > 256 && symbol < 286 ? LENGTH_EXTRA[symbol - 257] : 0;
    }
}
