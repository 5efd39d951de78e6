package org.imageguard.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadBufferTest {

    @TempDir
    Path dir;

    private static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    private byte[] readBack(ReadBuffer buffer, byte[] content, long expectedSize) throws IOException {
        Path file = Files.write(dir.resolve("f" + content.length), content);
        int length = buffer.read(file, expectedSize);
        return Arrays.copyOf(buffer.array(), length);
    }

    @Test
    void aSmallerFileAfterALargerOneIsReadWholeFromTheStartAndTheArrayIsNotRemade() throws IOException {
        ReadBuffer buffer = new ReadBuffer();
        byte[] large = pattern(3 * ReadBuffer.READ_SLICE + 5, 1); // several read calls
        byte[] small = pattern(1000, 2);

        assertThat(readBack(buffer, large, large.length)).isEqualTo(large);
        byte[] array = buffer.array();
        assertThat(readBack(buffer, small, small.length)).isEqualTo(small);
        assertThat(buffer.array()).isSameAs(array);
        assertThat(readBack(buffer, new byte[0], 0)).isEmpty();
    }

    @Test
    void aFileLongerOrShorterThanItsSizeSaidIsReadToItsEnd() throws IOException {
        ReadBuffer buffer = new ReadBuffer();
        byte[] content = pattern(10_000, 3);

        assertThat(readBack(buffer, content, 100)).isEqualTo(content); // grew after the size was taken
        assertThat(readBack(new ReadBuffer(), content, 50_000)).isEqualTo(content); // shrank
    }
}
