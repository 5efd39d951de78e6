package org.imageguard.engine.png;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.imageguard.engine.png.PngSamples.fixture;
import static org.imageguard.engine.png.PngSamples.latin1;

import java.util.Arrays;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.io.Bytes;
import org.imageguard.testing.ByteArrays;
import org.junit.jupiter.api.Test;

/** Malformed input: each case fails with an {@link ImageFormatException} that says what was expected. */
class PngChunkReaderTest {

    @Test
    void splitsAFileIntoItsChunksWithOffsets() {
        PngFile png = PngChunkReader.read(fixture("alpha.png"));

        assertThat(png.chunks()).extracting(PngChunk::type)
                .containsExactly("IHDR", "gAMA", "cHRM", "bKGD", "IDAT", "IEND");
        assertThat(png.chunks().get(0).offset()).isEqualTo(8);
        assertThat(png.chunks().get(1).offset()).isEqualTo(8 + 12 + 13);
        assertThat(png.width()).isEqualTo(16);
        assertThat(png.height()).isEqualTo(12);
    }

    @Test
    void rejectsAWrongSignature() {
        byte[] gif = latin1("GIF89a\0\0\0\0\0\0\0");

        assertFails(gif, 0, "expected the PNG signature 89 50 4E 47 0D 0A 1A 0A, found 47 49 46 38 39 61 00 00");
    }

    @Test
    void rejectsAFileThatDoesNotStartWithIhdr() {
        byte[] png = fixture("alpha.png");
        byte[] noHeader = ByteArrays.concat(Arrays.copyOf(png, 8), Arrays.copyOfRange(png, 33, png.length));

        assertFails(noHeader, 8, "expected IHDR of 13 bytes first, found gAMA of 4 bytes");
    }

    @Test
    void rejectsASecondIhdr() {
        byte[] png = fixture("alpha.png");
        byte[] twice = PngSamples.beforeIend(png, Arrays.copyOfRange(png, 8, 33));

        assertFails(twice, png.length - 12, "expected one IHDR, found a second one");
    }

    @Test
    void rejectsAZeroWidth() {
        byte[] png = fixture("alpha.png");
        Bytes.putU32be(png, 16, 0);
        Bytes.putU32be(png, 29, PngChunkReader.crc(png, 12, 17));

        assertFails(png, 16, "expected width and height in 1..2^31-1, found 0x12");
    }

    @Test
    void rejectsALengthAbove2To31() {
        byte[] png = fixture("alpha.png");
        Bytes.putU32be(png, 33, 0x8000_0000L);

        assertFails(png, 33, "expected a chunk length of at most 2^31-1, found 2147483648");
    }

    @Test
    void rejectsALengthThatRunsPastTheEnd() {
        byte[] png = fixture("alpha.png");
        Bytes.putU32be(png, 33, 1000);

        assertFails(png, 33, "expected 1000 bytes of gAMA data and a CRC, found end of file");
    }

    @Test
    void rejectsAFileWithoutIend() {
        byte[] png = fixture("alpha.png");

        assertFails(Arrays.copyOf(png, png.length - 12), png.length - 12,
                "expected a chunk (12 bytes at least) or IEND, found end of file after 0 bytes");
    }

    @Test
    void rejectsAChunkTypeThatIsNotFourLetters() {
        byte[] png = fixture("alpha.png");
        png[37] = '1';

        assertFails(png, 37, "expected a chunk type of 4 ASCII letters, found 31 41 4D 41");
    }

    @Test
    void rejectsACriticalChunkWithABadCrc() {
        byte[] png = fixture("alpha.png");
        png[png.length - 1] ^= 1;

        assertThatThrownBy(() -> PngChunkReader.read(png)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("for critical chunk IEND, found");
    }

    @Test
    void flagsAnAncillaryChunkWithABadCrcInsteadOfFailing() {
        byte[] png = fixture("alpha.png");
        png[36 + 4 + 4] ^= 1;

        assertThat(PngChunkReader.read(png).chunks().get(1).crcValid()).isFalse();
    }

    private static void assertFails(byte[] input, long offset, String problem) {
        assertThatThrownBy(() -> PngChunkReader.read(input))
                .isInstanceOfSatisfying(ImageFormatException.class, e -> {
                    assertThat(e.format()).isEqualTo(ImageFormat.PNG);
                    assertThat(e.offset()).isEqualTo(offset);
                })
                .hasMessageContaining(problem);
    }
}
