package org.imageguard.engine;

import com.adobe.internal.xmp.XMPMetaFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.imageguard.config.ProtectionSettings;
import org.imageguard.config.StripMode;
import org.imageguard.engine.exif.ExifCleaner;
import org.imageguard.engine.iptc.PhotoshopIrbCleaner;
import org.imageguard.engine.xmp.XmpComposer;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.testing.ByteArrays.concat;

/** Random bytes behind valid magic: the cleaners drop what they cannot read and never throw. */
class HostileMetadataTest {

    private static final XmpComposer COMPOSER = new XmpComposer(ProtectionSettings.DEFAULTS);

    @Property(tries = 300)
    void exifCleanerNeverThrows(@ForAll @Size(max = 300) byte[] body, @ForAll boolean bigEndian) {
        byte[] header = bigEndian ? new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8} : new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0};

        ExifCleaner.forMode(StripMode.PRIVACY).clean(concat(header, body), s -> { });
    }

    @Property(tries = 300)
    void photoshopIrbCleanerNeverThrows(@ForAll @Size(max = 300) byte[] body) {
        byte[] header = "Photoshop 3.0\08BIM\004\004".getBytes(StandardCharsets.ISO_8859_1);

        PhotoshopIrbCleaner.clean(concat(header, body), StripMode.PRIVACY, s -> { });
    }

    @Property(tries = 200)
    void xmpComposerAlwaysProducesAPacketWithOurStatement(@ForAll @Size(max = 300) byte[] body) throws Exception {
        byte[] existing = concat("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">".getBytes(StandardCharsets.UTF_8), body);

        byte[] packet = COMPOSER.compose(existing, body, 65502, new RewriteReport.Builder()).standard();

        assertThat(XMPMetaFactory.parseFromBuffer(packet)
                .getPropertyString("http://ns.useplus.org/ldf/xmp/1.0/", "DataMining")).endsWith("/DMI-PROHIBITED");
    }
}
