package org.imageguard.engine.xmp;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.internal.xmp.XMPMetaFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XmpSerializationTest {

    @Test
    void toolkitAttributeIsOursWhateverJarXmpcoreWasLoadedFrom() throws Exception {
        byte[] packet = XmpSerialization.standard(XMPMetaFactory.create());

        String text = new String(packet, StandardCharsets.UTF_8);
        assertThat(text).contains("x:xmptk=\"" + XmpSerialization.TOOLKIT + "\"").doesNotContain("Adobe XMP Core 6")
                .doesNotContain("SNAPSHOT");
        assertThat(XMPMetaFactory.parseFromBuffer(packet)).isNotNull();
    }

    @Test
    void packetWithoutToolkitAttributeIsLeftAlone() {
        byte[] bare = "<x:xmpmeta xmlns:x='adobe:ns:meta/'/>".getBytes(StandardCharsets.UTF_8);

        assertThat(XmpSerialization.withOurToolkit(bare)).isEqualTo(bare);
    }
}
