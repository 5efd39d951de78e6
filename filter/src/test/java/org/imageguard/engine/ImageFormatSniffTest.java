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

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
