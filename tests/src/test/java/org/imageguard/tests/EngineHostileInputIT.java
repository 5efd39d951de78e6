package org.imageguard.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.engine.RewriteResult;
import org.imageguard.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus file cut short and with bytes flipped (a fixed seed per file, so failures reproduce): the engine
 * answers with a result or {@link ImageFormatException}, never another exception. The filter module fuzzes each
 * format's parser; this goes through the facade with real files of every format.
 */
class EngineHostileInputIT {

    private static final int CUTS = 24;
    private static final int FLIPS = 48;

    private final ImageGuardEngine engine = new ImageGuardEngine();

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.imageguard.testing.Corpus#entries")
    void truncatedFileGivesAResultOrImageFormatException(Corpus.Entry entry) {
        byte[] image = Corpus.bytes(entry);
        List<String> escapes = new ArrayList<>();
        for (int i = 0; i < CUTS; i++) {
            int length = (int) ((long) image.length * i / CUTS);
            rewriteExpectingNoSurprise(Arrays.copyOf(image, length), "cut at " + length, escapes);
        }

        assertThat(escapes).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.imageguard.testing.Corpus#entries")
    void corruptedFileGivesAResultOrImageFormatException(Corpus.Entry entry) {
        byte[] image = Corpus.bytes(entry);
        SplittableRandom random = new SplittableRandom(entry.name().hashCode());
        List<String> escapes = new ArrayList<>();
        for (int i = 0; i < FLIPS; i++) {
            byte[] corrupt = image.clone();
            // Headers and lengths live near the start: aim half of the flips at the first 256 bytes.
            int offset = random.nextInt(i % 2 == 0 ? Math.min(256, image.length) : image.length);
            corrupt[offset] = (byte) random.nextInt(256);
            rewriteExpectingNoSurprise(corrupt, "byte " + offset + " = " + (corrupt[offset] & 0xFF), escapes);
        }

        assertThat(escapes).isEmpty();
    }

    private void rewriteExpectingNoSurprise(byte[] input, String what, List<String> escapes) {
        try {
            RewriteResult result = engine.rewrite(input, EngineInteropIT.POLICY);
            assertThat(result.bytes()).as(what).isNotNull();
        } catch (ImageFormatException expected) {
            // The one exception the engine may let out for bad input.
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            escapes.add(what + ": " + e);
        }
    }
}
