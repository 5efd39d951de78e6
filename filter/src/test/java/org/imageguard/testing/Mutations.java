package org.imageguard.testing;

import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Hostile variants of real sample files for fuzz properties: one to four edits each, of the kinds that break parsers
 * (a changed byte, a cut, an inserted or deleted run, a 32-bit length field overwritten with a large value).
 *
 * <pre>{@code
 * @Provide Arbitrary<byte[]> mutants() { return Mutations.of(List.of(sample1, sample2)); }
 * }</pre>
 */
public final class Mutations {

    private enum Kind { SET_BYTE, TRUNCATE, INSERT_BYTE, DELETE_RUN, OVERWRITE_U32, INSERT_TOKEN }

    /**
     * One edit; {@code position} is taken modulo the file length at the time it applies, {@code value} picks the byte,
     * the run length or the token.
     */
    private record Edit(Kind kind, int position, int value, List<byte[]> tokens) {

        byte[] apply(byte[] file) {
            if (file.length == 0) {
                return file;
            }
            int at = position % file.length;
            return switch (kind) {
                case SET_BYTE -> {
                    byte[] out = file.clone();
                    out[at] = (byte) value;
                    yield out;
                }
                case TRUNCATE -> Arrays.copyOf(file, at);
                case INSERT_BYTE -> ByteArrays.insert(file, at, new byte[] {(byte) value});
                case INSERT_TOKEN -> tokens.isEmpty() ? file
                        : ByteArrays.insert(file, at, tokens.get(Math.floorMod(value, tokens.size())));
                case DELETE_RUN -> {
                    int end = Math.min(file.length, at + 1 + (value & 0x1F));
                    byte[] out = new byte[file.length - (end - at)];
                    System.arraycopy(file, 0, out, 0, at);
                    System.arraycopy(file, end, out, at, file.length - end);
                    yield out;
                }
                case OVERWRITE_U32 -> {
                    byte[] out = file.clone();
                    for (int i = 0; i < 4 && at + i < out.length; i++) {
                        out[at + i] = (byte) (value >>> (8 * i));
                    }
                    yield out;
                }
            };
        }
    }

    private Mutations() {
    }

    public static Arbitrary<byte[]> of(List<byte[]> seeds) {
        return of(seeds, List.of());
    }

    /**
     * @param tokens byte strings meaningful to the format ({@code "<!--"}, {@code "VP8X"}, ...) that edits may insert
     */
    public static Arbitrary<byte[]> of(List<byte[]> seeds, List<byte[]> tokens) {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.of(Kind.class),
                Arbitraries.integers().greaterOrEqual(0), Arbitraries.integers())
                .as((kind, position, value) -> new Edit(kind, position, value, tokens));
        return Combinators.combine(Arbitraries.of(seeds), edit.list().ofMinSize(1).ofMaxSize(3)).as((seed, edits) -> {
            byte[] file = seed;
            for (Edit e : edits) {
                file = e.apply(file);
            }
            return file;
        });
    }

    /**
     * One to six single-byte overwrites as (position, value) pairs, for {@link #overwriteAndTruncate}. Separate from
     * {@link #of} so format fuzzers can combine them with format-specific choices (e.g. PNG's CRC repair).
     */
    public static Arbitrary<List<int[]>> byteOverwrites() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE)
                .tuple2().map(t -> new int[] {t.get1(), t.get2()}).list().ofMinSize(1).ofMaxSize(6);
    }

    /** How much of the file to keep, in percent: the whole file four times in five, else a random cut. */
    public static Arbitrary<Integer> keepPercent() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(100)),
                Tuple.of(1, Arbitraries.integers().between(0, 99)));
    }

    /**
     * {@code file} cut to {@code keepPercent} of its length, then with each overwrite applied past the first
     * {@code header} bytes (the signature stays intact so the damage reaches the parser proper).
     */
    public static byte[] overwriteAndTruncate(byte[] file, int header, List<int[]> overwrites, int keepPercent) {
        byte[] bytes = Arrays.copyOf(file, (int) ((long) file.length * keepPercent / 100));
        for (int[] edit : overwrites) {
            if (bytes.length > header) {
                bytes[header + edit[0] % (bytes.length - header)] = (byte) edit[1];
            }
        }
        return bytes;
    }
}
