package org.imageguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Magic bytes and SVG roots: what each format looks like from its first bytes. */
class ImageFormatSniffTest {

    private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>";

    @Test
    void anSvgRootAfterALongCommentIsSvg() {
        byte[] doc = utf8("<?xml version=\"1.0\"?>\n<!-- " + "licence text ".repeat(400) + "-->\n" + SVG);

        assertThat(ImageFormat.sniff(doc)).isEqualTo(ImageFormat.SVG);
    }

    @Test
    void anSvgRootAfterADoctypeWithAnInternalSubsetIsSvg() {
        byte[] doc = utf8("<!DOCTYPE svg [ <!ATTLIST svg x CDATA \"a>b\"> ]>\n" + SVG);

        assertThat(ImageFormat.sniff(doc)).isEqualTo(ImageFormat.SVG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"s", "svg", "a.b-c"})
    void aPrefixedSvgRootIsSvg(String prefix) {
        byte[] doc = utf8("<" + prefix + ":svg xmlns:" + prefix + "=\"http://www.w3.org/2000/svg\"/>");

        assertThat(ImageFormat.sniff(doc)).isEqualTo(ImageFormat.SVG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16", "UTF-16BE", "UTF-16LE"})
    void utf16SvgIsSvg(String charset) {
        byte[] doc = ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + SVG)
                .getBytes(java.nio.charset.Charset.forName(charset));

        assertThat(ImageFormat.sniff(doc)).isEqualTo(ImageFormat.SVG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<!DOCTYPE html><html><body><svg></svg></body></html>", "<html><svg/></html>",
        "<svgfoo/>", "<:svg/>", "text <svg/>", "<!-- unterminated <svg/>", "<svg"})
    void documentsWhoseRootIsNotSvgAreNot(String doc) {
        assertThat(ImageFormat.sniff(utf8(doc))).isEqualTo(ImageFormat.UNKNOWN);
    }

    @Test
    void isoBmffImagesAreToldApartByTheirMajorAndCompatibleBrands() {
        assertThat(ImageFormat.sniff(ftyp("avif", "mif1", "miaf"))).isEqualTo(ImageFormat.AVIF);
        assertThat(ImageFormat.sniff(ftyp("mif1", "miaf", "avif"))).as("AVIF by a compatible brand")
                .isEqualTo(ImageFormat.AVIF);
        assertThat(ImageFormat.sniff(ftyp("heic", "mif1", "heic"))).isEqualTo(ImageFormat.HEIF);
        assertThat(ImageFormat.sniff(ftyp("heix"))).isEqualTo(ImageFormat.HEIF);
        assertThat(ImageFormat.sniff(ftyp("mif1", "heic"))).isEqualTo(ImageFormat.HEIF);
        assertThat(ImageFormat.sniff(ftyp("isom", "mp41", "avc1"))).as("an MP4 video").isEqualTo(ImageFormat.UNKNOWN);
    }

    @Test
    void imageSequencesAreToldApartByTheirMajorBrandOrATopLevelMoovBox() {
        assertThat(ImageFormat.sniff(ftyp("avis", "avif", "msf1"))).isEqualTo(ImageFormat.AVIF_SEQUENCE);
        assertThat(ImageFormat.sniff(ftyp("msf1", "hevc"))).isEqualTo(ImageFormat.HEIF_SEQUENCE);
        assertThat(ImageFormat.sniff(ftyp("hevc", "msf1"))).isEqualTo(ImageFormat.HEIF_SEQUENCE);
        byte[] still = ftyp("avif", "mif1");
        assertThat(ImageFormat.sniff(concat(still, box("moov")))).as("moov after meta")
                .isEqualTo(ImageFormat.AVIF_SEQUENCE);
        assertThat(ImageFormat.sniff(concat(ftyp("mif1", "heic"), box("mdat"), box("moov"))))
                .isEqualTo(ImageFormat.HEIF_SEQUENCE);
        assertThat(ImageFormat.sniff(concat(still, box("mdat")))).isEqualTo(ImageFormat.AVIF);
        byte[] sizeZero = {0, 0, 0, 0, 'm', 'd', 'a', 't'};
        assertThat(ImageFormat.sniff(concat(still, sizeZero, box("moov")))).as("mdat runs to the end")
                .isEqualTo(ImageFormat.AVIF);
        byte[] hugeLargeSize = {0, 0, 0, 1, 'm', 'd', 'a', 't', 0x7F, -1, -1, -1, -1, -1, -1, -1};
        assertThat(ImageFormat.sniff(concat(still, hugeLargeSize, box("moov")))).isEqualTo(ImageFormat.AVIF);
        assertThat(ImageFormat.sniff(Arrays.copyOf(ftyp("avis", "avif"), 12))).as("the major brand alone")
                .isEqualTo(ImageFormat.AVIF_SEQUENCE);
    }

    @Test
    void aTiffWhoseFirstDirectoryHasSubIfdsOrAnOldStyleJpegStreamIsTiffWithSubimages() {
        assertThat(ImageFormat.sniff(tiff(true, 256, 257, 330))).isEqualTo(ImageFormat.TIFF_SUBIMAGES);
        assertThat(ImageFormat.sniff(tiff(false, 256, 513))).isEqualTo(ImageFormat.TIFF_SUBIMAGES);
        assertThat(ImageFormat.sniff(tiff(true, 256, 259, 519, 520, 521))).as("old-style JPEG tables alone")
                .isEqualTo(ImageFormat.TIFF_SUBIMAGES);
        assertThat(ImageFormat.sniff(tiff(true, 256, 257, 273))).isEqualTo(ImageFormat.TIFF);
        byte[] directoryBeyondTheBytes = tiff(true, 330);
        directoryBeyondTheBytes[4] = 100;
        assertThat(ImageFormat.sniff(directoryBeyondTheBytes)).isEqualTo(ImageFormat.TIFF);
        byte[] countBeyondTheBytes = tiff(true, 256, 330);
        assertThat(ImageFormat.sniff(countBeyondTheBytes, 8 + 2 + 12)).as("330 not within the sniffed bytes")
                .isEqualTo(ImageFormat.TIFF);
        assertThat(ImageFormat.sniff(new byte[] {'I', 'I', 43, 0, 8, 0, 0, 0})).as("BigTIFF cut after 8 bytes")
                .isEqualTo(ImageFormat.TIFF);
    }

    /** A classic TIFF header and first directory with these tags (types and values zero). */
    private static byte[] tiff(boolean little, int... tags) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(8 + 2 + 12 * tags.length + 4)
                .order(little ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        buffer.put(little ? (byte) 'I' : (byte) 'M').put(little ? (byte) 'I' : (byte) 'M').putShort((short) 42)
                .putInt(8).putShort((short) tags.length);
        for (int tag : tags) {
            buffer.putShort((short) tag).putShort((short) 3).putInt(1).putInt(0);
        }
        return buffer.array();
    }

    private static byte[] box(String type) {
        return concat(new byte[] {0, 0, 0, 8}, utf8(type));
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void tiffBigTiffAndJpegXlAreRecognisedInBothByteOrdersAndBothJxlForms() {
        assertThat(ImageFormat.sniff(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0})).isEqualTo(ImageFormat.TIFF);
        assertThat(ImageFormat.sniff(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8})).isEqualTo(ImageFormat.TIFF);
        assertThat(ImageFormat.sniff(new byte[] {'I', 'I', 43, 0, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0}))
                .isEqualTo(ImageFormat.TIFF);
        assertThat(ImageFormat.sniff(new byte[] {'M', 'M', 0, 43, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16}))
                .isEqualTo(ImageFormat.TIFF);
        assertThat(ImageFormat.sniff(new byte[] {(byte) 0xFF, 0x0A, (byte) 0xF8, 0x13}))
                .isEqualTo(ImageFormat.JXL_CODESTREAM);
        assertThat(ImageFormat.sniff(new byte[] {0, 0, 0, 0x0C, 'J', 'X', 'L', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A}))
                .isEqualTo(ImageFormat.JXL);
    }

    /** An ftyp box: major brand, minor version 0, compatible brands. */
    private static byte[] ftyp(String major, String... compatible) {
        java.io.ByteArrayOutputStream box = new java.io.ByteArrayOutputStream();
        int size = 16 + 4 * compatible.length;
        box.writeBytes(new byte[] {0, 0, 0, (byte) size});
        box.writeBytes(utf8("ftyp" + major));
        box.writeBytes(new byte[4]);
        for (String brand : compatible) {
            box.writeBytes(utf8(brand));
        }
        box.writeBytes(new byte[] {0, 0, 0, 8, 'm', 'e', 't', 'a'});
        return box.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
