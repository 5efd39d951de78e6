package org.imageguard.engine.xmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import org.junit.jupiter.api.Test;

class XmpParsingTest {

    private static final String DC = "http://purl.org/dc/elements/1.1/";

    @Test
    void readsAWellFormedPacket() throws XMPException {
        XMPMeta meta = XmpParsing.parse(packet("Zoë Müller").getBytes(StandardCharsets.UTF_8));
        assertThat(meta).isNotNull();
        assertThat(meta.getArrayItem(DC, "creator", 1).getValue()).isEqualTo("Zoë Müller");
    }

    @Test
    void repairsAPacketWithAControlCharacter() throws XMPException {
        // A vertical tab is not allowed in XML 1.0: strict parsing fails, the repairing parse turns it into a space.
        XMPMeta meta = XmpParsing.parse(packet("Zoë\u000BMüller").getBytes(StandardCharsets.UTF_8));
        assertThat(meta).isNotNull();
        assertThat(meta.getArrayItem(DC, "creator", 1).getValue()).isEqualTo("Zoë Müller");
    }

    @Test
    void repairsAPacketWrittenInLatin1() throws XMPException {
        XMPMeta meta = XmpParsing.parse(packet("Zoë Müller").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(meta).isNotNull();
        assertThat(meta.getArrayItem(DC, "creator", 1).getValue()).isEqualTo("Zoë Müller");
    }

    @Test
    void refusesADoctypeEvenWhenRepairing() {
        String withEntity = "<!DOCTYPE x [<!ENTITY e \"boom\">]>" + packet("&e;");
        assertThat(XmpParsing.parse(withEntity.getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void refusesAPacketWithMoreElementsThanTheLimitWithoutParsingIt() {
        // Photoshop's DocumentAncestors list has been seen with 126,211 items in a 7 MB Extended XMP (Debian's
        // ukui-wallpapers rhythm.jpg): xmpcore compares each new item with every earlier one, a minute of CPU.
        String many = "x</rdf:li><rdf:li>x".repeat(XmpParsing.MAX_ELEMENTS); // well-formed, one element over
        assertThat(XmpParsing.tooManyElements(packet(many).getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(XmpParsing.parse(packet(many).getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void readsAPacketJustUnderTheElementLimit() throws XMPException {
        // packet() itself has 6 elements (the creator's rdf:li among them).
        String items = "x</rdf:li><rdf:li>x".repeat(XmpParsing.MAX_ELEMENTS - 7);
        XMPMeta meta = XmpParsing.parse(packet(items).getBytes(StandardCharsets.UTF_8));
        assertThat(meta).isNotNull();
        assertThat(meta.countArrayItems(DC, "creator")).isEqualTo(XmpParsing.MAX_ELEMENTS - 6);
    }

    private static String packet(String creator) {
        return "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
                + "<rdf:Description rdf:about='' xmlns:dc='" + DC + "'><dc:creator><rdf:Seq><rdf:li>" + creator
                + "</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>";
    }
}
