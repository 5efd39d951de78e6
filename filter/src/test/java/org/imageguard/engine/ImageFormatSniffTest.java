package org.imageguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

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
        assertThat(ImageFormat.sniff(ftyp("avis", "msf1"))).isEqualTo(ImageFormat.AVIF);
        assertThat(ImageFormat.sniff(ftyp("mif1", "miaf", "avif"))).as("AVIF by a compatible brand")
                .isEqualTo(ImageFormat.AVIF);
        assertThat(ImageFormat.sniff(ftyp("heic", "mif1", "heic"))).isEqualTo(ImageFormat.HEIF);
        assertThat(ImageFormat.sniff(ftyp("heix"))).isEqualTo(ImageFormat.HEIF);
        assertThat(ImageFormat.sniff(ftyp("mif1", "heic"))).isEqualTo(ImageFormat.HEIF);
        assertThat(ImageFormat.sniff(ftyp("msf1", "hevc"))).isEqualTo(ImageFormat.HEIF);
        assertThat(ImageFormat.sniff(ftyp("isom", "mp41", "avc1"))).as("an MP4 video").isEqualTo(ImageFormat.UNKNOWN);
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
