package org.imageguard.engine.xmp;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XmpSerializationTest {

    @Test
    void noToolkitAttributeWhateverJarXmpcoreWasLoadedFrom() throws Exception {
        byte[] packet = XmpSerialization.standard(XMPMetaFactory.create());

        String text = new String(packet, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("xmptk").doesNotContain("Adobe XMP Core").doesNotContain("SNAPSHOT");
        assertThat(XMPMetaFactory.parseFromBuffer(packet)).isNotNull();
    }

    @Test
    void packetWithoutToolkitAttributeIsLeftAlone() {
        byte[] bare = "<x:xmpmeta xmlns:x='adobe:ns:meta/'/>".getBytes(StandardCharsets.UTF_8);

        assertThat(XmpSerialization.withoutToolkit(bare)).isEqualTo(bare);
    }

    @Test
    void whitespaceBetweenTagsGoesButAWhitespaceValueStays() throws Exception {
        byte[] packet = XmpSerialization.standard(sample(true));
        String text = new String(packet, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("> <").contains("?><x:xmpmeta").contains("</rdf:RDF></x:xmpmeta>");

        byte[] spaced = "<a> <b x='1'/> <c>  </c>\n</a>".getBytes(StandardCharsets.UTF_8);
        assertThat(new String(XmpSerialization.withoutSpacesBetweenTags(spaced), StandardCharsets.UTF_8))
                .isEqualTo("<a><b x='1'/><c>  </c></a>");

        XMPMeta meta = sample(false);
        meta.setProperty(XMPConst.NS_DC, "source", " ");
        XMPMeta back = XMPMetaFactory.parseFromBuffer(XmpSerialization.standard(meta));
        assertThat(back.getPropertyString(XMPConst.NS_DC, "source")).isEqualTo(" ");
    }

    @Test
    void standardPacketHasNoPaddingNoLineBreaksAndKeepsItsWrapper() throws Exception {
        byte[] packet = XmpSerialization.standard(sample(false));

        String text = new String(packet, StandardCharsets.UTF_8);
        assertThat(text).startsWith("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>")
                .endsWith("</x:xmpmeta><?xpacket end=\"w\"?>").doesNotContain("\n").doesNotContain("  ");
    }

    @Test
    void dataMiningIsElementTextAndOtherSimplePropertiesAreAttributes() throws Exception {
        byte[] packet = XmpSerialization.standard(sample(false));

        String text = new String(packet, StandardCharsets.UTF_8);
        assertThat(text).contains("<plus:DataMining>" + DATA_MINING + "</plus:DataMining>")
                .contains(" xmpRights:Marked=\"True\"").doesNotContain("plus:DataMining=");
        assertSameProperties(XMPMetaFactory.parseFromBuffer(packet), sample(false));
    }

    @Test
    void dataMiningElementSitsBesideArraysWhenTheDescriptionHasChildren() throws Exception {
        byte[] packet = XmpSerialization.standard(sample(true));

        String text = new String(packet, StandardCharsets.UTF_8);
        assertThat(text).contains("<plus:DataMining>" + DATA_MINING + "</plus:DataMining>").contains("<dc:rights>");
        assertSameProperties(XMPMetaFactory.parseFromBuffer(packet), sample(true));
    }

    @Test
    void extendedSerializationIsCompactToo() throws Exception {
        byte[] extended = XmpSerialization.extended(sample(true));

        String text = new String(extended, StandardCharsets.UTF_8);
        assertThat(text).startsWith("<x:xmpmeta").doesNotContain("xpacket").doesNotContain("\n");
        assertSameProperties(XMPMetaFactory.parseFromBuffer(extended), sample(true));
    }

    private static final String DATA_MINING = "http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED";

    private static XMPMeta sample(boolean withArray) throws Exception {
        XmpNamespaces.register();
        XMPMeta meta = XMPMetaFactory.create();
        meta.setProperty(XmpNamespaces.PLUS, "DataMining", DATA_MINING);
        meta.setProperty(XMPConst.NS_XMP_RIGHTS, "Marked", "True");
        if (withArray) {
            meta.setLocalizedText(XMPConst.NS_DC, "rights", "", "x-default", "(c) \"Test\" <Owner> & Co");
        }
        return meta;
    }

    private static void assertSameProperties(XMPMeta actual, XMPMeta expected) throws Exception {
        assertThat(actual.getPropertyString(XmpNamespaces.PLUS, "DataMining")).isEqualTo(DATA_MINING);
        assertThat(actual.getPropertyString(XMPConst.NS_XMP_RIGHTS, "Marked")).isEqualTo("True");
        assertThat(rights(actual)).isEqualTo(rights(expected));
    }

    private static String rights(XMPMeta meta) throws Exception {
        var rights = meta.getLocalizedText(XMPConst.NS_DC, "rights", "", "x-default");
        return rights == null ? null : rights.getValue();
    }
}
