package org.imageguard.engine.gif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.imageguard.testing.ByteArrays.concat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.junit.jupiter.api.Test;

/** Splitting, and malformed input failing with an {@link ImageFormatException} that says what was expected. */
class GifBlockReaderTest {

    @Test
    void splitsAnAnimationIntoItsBlocks() {
        GifFile gif = GifBlockReader.read(GifRewriterTest.fixture("anim.gif"));

        assertThat(gif.version()).isEqualTo("89a");
        assertThat(gif.width()).isEqualTo(16);
        assertThat(gif.height()).isEqualTo(12);
        assertThat(gif.screenEnd()).isEqualTo(13 + 6);
        assertThat(gif.blocks()).extracting(GifBlock::label).containsExactly(GifBlock.GRAPHIC_CONTROL,
                GifBlock.APPLICATION, GifBlock.IMAGE, GifBlock.GRAPHIC_CONTROL, GifBlock.IMAGE);
        assertThat(gif.blocks().get(1).applicationId()).isEqualTo("NETSCAPE2.0");
        assertThat(gif.hasTrailer()).isTrue();
        assertThat(gif.frames()).isEqualTo(2);
    }

    @Test
    void extractsTheXmpPacketUpToTheMagicTrailer() {
        byte[] block = GifXmp.block("<x/>".getBytes(StandardCharsets.UTF_8));
        byte[] gif = GifRewriterTest.fixture("anim.gif");
        byte[] withXmp = concat(Arrays.copyOf(gif, 19), block,
                Arrays.copyOfRange(gif, 19, gif.length));

        GifFile parsed = GifBlockReader.read(withXmp);

        assertThat(block).hasSize(14 + 4 + 258);
        assertThat(GifXmp.packet(withXmp, parsed.blocks().get(0))).asString().isEqualTo("<x/>");
    }

    @Test
    void rejectsAWrongHeader() {
        assertFails("PNG\r\n\u001a\n\0\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1), 0,
                "expected GIF87a or GIF89a, found \"PNG???\"");
    }

    @Test
    void rejectsAFileShorterThanTheScreenDescriptor() {
        assertFails("GIF89a".getBytes(StandardCharsets.US_ASCII), 0,
                "expected a 6-byte header and 7-byte screen descriptor, found 6 bytes");
    }

    @Test
    void rejectsATruncatedGlobalColourTable() {
        byte[] gif = Arrays.copyOf(GifRewriterTest.fixture("comment.gif"), 20);

        assertFails(gif, 13, "expected a global colour table of 48 bytes, found end of file");
    }

    @Test
    void rejectsASubBlockThatRunsPastTheEnd() {
        byte[] gif = GifRewriterTest.fixture("anim.gif");
        byte[] truncated = Arrays.copyOf(gif, gif.length - 6);

        assertThatThrownBy(() -> GifBlockReader.read(truncated)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("expected a sub-block of");
    }

    @Test
    void rejectsASubBlockChainWithoutTerminator() {
        byte[] gif = GifRewriterTest.fixture("anim.gif");
        byte[] truncated = Arrays.copyOf(gif, gif.length - 2);

        assertFails(truncated, truncated.length, "expected a sub-block size or 00 terminator, found end of file");
    }

    @Test
    void rejectsAnUnknownBlockIntroducer() {
        byte[] gif = GifRewriterTest.fixture("anim.gif");
        gif[19] = 0x42;

        assertFails(gif, 19, "expected 0x2C image, 0x21 extension or 0x3B trailer, found 0x42");
    }

    @Test
    void rejectsATruncatedImageDescriptor() {
        byte[] gif = GifRewriterTest.fixture("anim.gif");
        int image = GifBlockReader.read(gif).blocks().get(2).offset();

        assertFails(Arrays.copyOf(gif, image + 5), image + 1, "expected an image descriptor, found end of file");
    }

    private static void assertFails(byte[] input, long offset, String problem) {
        assertThatThrownBy(() -> GifBlockReader.read(input))
                .isInstanceOfSatisfying(ImageFormatException.class, e -> {
                    assertThat(e.format()).isEqualTo(ImageFormat.GIF);
                    assertThat(e.offset()).isEqualTo(offset);
                })
                .hasMessageContaining(problem);
    }
}
