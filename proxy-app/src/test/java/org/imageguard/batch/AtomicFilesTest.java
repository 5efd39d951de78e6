package org.imageguard.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aTemporaryNameLeftByAnEarlierProcessWithTheSameIdIsSkippedAndLeftAlone() throws IOException {
        Path target = dir.resolve("a.jpg");
        long next = AtomicFiles.lastTempNumber() + 1;
        Path first = dir.resolve(TempLeftovers.prefixFor(target) + next + TempLeftovers.SUFFIX);
        Path second = dir.resolve(TempLeftovers.prefixFor(target) + (next + 1) + TempLeftovers.SUFFIX);
        Files.writeString(first, "old run");
        Files.writeString(second, "old run");

        AtomicFiles.write(target, "new".getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.fromString("rw-r-----"));

        assertThat(target).hasContent("new");
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(first).hasContent("old run");
        assertThat(second).hasContent("old run");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).hasSize(3);
        }
    }

    @Test
    void buffersAreWrittenInOrderAcrossTheWriteSlices() throws IOException {
        byte[] large = new byte[AtomicFiles.WRITE_SLICE + 5];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31);
        }
        Path target = dir.resolve("gathered.jpg");

        AtomicFiles.write(target, List.of(ByteBuffer.wrap(new byte[] {1, 2, 3}),
                ByteBuffer.wrap(large, 2, large.length - 2), ByteBuffer.wrap(new byte[] {4})),
                PosixFilePermissions.fromString("rw-r--r--"));

        byte[] expected = new byte[3 + large.length - 2 + 1];
        expected[0] = 1;
        expected[1] = 2;
        expected[2] = 3;
        System.arraycopy(large, 2, expected, 3, large.length - 2);
        expected[expected.length - 1] = 4;
        assertThat(Files.readAllBytes(target)).isEqualTo(expected);
    }

    @Test
    void aCopyReplacesTheTargetWithTheSourcesBytesAndPermissions() throws IOException {
        Path source = Files.writeString(dir.resolve("in.png"), "source bytes");
        Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rw-rw-r--"));
        Path target = Files.writeString(dir.resolve("out/in.png".replace('/', '-')), "older");

        AtomicFiles.copy(source, target);

        assertThat(target).hasContent("source bytes");
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(PosixFilePermissions.fromString("rw-rw-r--"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).hasSize(2);
        }
    }
}
