package org.imageguard.engine.xmp;

import org.imageguard.config.DataMining;
import org.imageguard.config.ExistingXmp;
import org.imageguard.config.HeaderSettings;
import org.imageguard.config.ProtectionSettings;
import org.imageguard.config.Rights;
import org.imageguard.config.StripMode;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.XmpPackets;
import org.imageguard.testing.ExternalTool;
import org.imageguard.testing.Fixtures;
import org.imageguard.testing.Images;
import org.imageguard.testing.TestJpegs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.testing.ByteArrays.concat;

/** exiftool, the reference reader, reads our packets as a bare XMP sidecar file. */
class XmpComposerExiftoolTest {

    @TempDir
    Path dir;

    private Path sidecar(ProtectionSettings settings) throws Exception {
        byte[] packet = new XmpComposer(settings).compose(null, null, 65502, new RewriteReport.Builder()).standard();
        return Files.write(dir.resolve("packet.xmp"), packet);
    }

    @Test
    void exiftoolReadsDataMiningAsTheVocabularyUri() throws Exception {
        ExternalTool.require("exiftool");
        Path file = sidecar(ProtectionSettings.DEFAULTS);

        String xml = Images.exiftool(file, "-X", "-XMP:all").out();

        assertThat(Images.exiftoolDataMining(file)).isEqualTo("http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED");
        assertThat(xml).contains("<XMP-xmpRights:Marked>True</XMP-xmpRights:Marked>");
    }

    @Test
    void exiftoolReadsHostileRightsValuesBackVerbatimWithoutWarnings() throws Exception {
        ExternalTool.require("exiftool");
        String hostile = "</rdf:li><x:evil/> & \"q\" 'a' ]]> <?pi?>";
        Rights rights = new Rights(hostile, "", hostile, "", "", "", "");
        Path file = sidecar(new ProtectionSettings(DataMining.DMI_PROHIBITED, "", rights, ExistingXmp.MERGE,
                StripMode.PRIVACY, HeaderSettings.DEFAULTS));

        String copyright = Images.exiftool(file, "-b", "-XMP-dc:Rights").out();
        String credit = Images.exiftool(file, "-b", "-XMP-photoshop:Credit").out();
        String warnings = Images.exiftool(file, "-validate", "-warning", "-a").out();

        assertThat(copyright).isEqualTo(hostile);
        assertThat(credit).isEqualTo(hostile);
        assertThat(warnings).doesNotContain("Warning");
    }

    @Test
    void exiftoolReadsASplitPacketFromJpegWithItsExtendedPart() throws Exception {
        ExternalTool.require("exiftool");
        String big = "x".repeat(40_000);
        byte[] existing = XmpComposerTest.packet("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + big
                + "</rdf:li></rdf:Alt></dc:description><photoshop:Instructions>" + big.replace('x', 'y')
                + "</photoshop:Instructions>");
        XmpPackets packets = new XmpComposer(ProtectionSettings.DEFAULTS)
                .compose(existing, null, 65502, new RewriteReport.Builder());
        assertThat(packets.hasExtended()).isTrue();
        Path file = Files.write(dir.resolve("split.jpg"), jpegWith(packets));

        String instructions = Images.exiftool(file, "-b", "-XMP-photoshop:Instructions").out();
        String description = Images.exiftool(file, "-b", "-XMP-dc:Description").out();
        String dataMining = Images.exiftoolDataMining(file);
        String validation = Images.exiftool(file, "-validate", "-warning", "-a").out();

        assertThat(instructions).isEqualTo(big.replace('x', 'y'));
        assertThat(description).isEqualTo(big);
        assertThat(dataMining).isEqualTo("http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED");
        assertThat(validation).doesNotContain("Warning");
    }

    /** A JPEG carrying the packets the way XMP Part 3 says: standard APP1, then Extended XMP APP1 portions. */
    private static byte[] jpegWith(XmpPackets packets) {
        byte[] jpeg = Fixtures.bytes(XmpComposerExiftoolTest.class, "/org/imageguard/engine/exif/plain.jpg");
        byte[] extended = packets.extended();
        int portion = 65000;
        List<byte[]> segments = new ArrayList<>();
        segments.add(concat("http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII), packets.standard()));
        for (int offset = 0; offset < extended.length; offset += portion) {
            int length = Math.min(portion, extended.length - offset);
            ByteBuffer header = ByteBuffer.allocate(35 + 32 + 8);
            header.put("http://ns.adobe.com/xmp/extension/\0".getBytes(StandardCharsets.US_ASCII));
            header.put(packets.extendedGuid().getBytes(StandardCharsets.US_ASCII));
            header.putInt(extended.length).putInt(offset);
            segments.add(concat(header.array(), Arrays.copyOfRange(extended, offset, offset + length)));
        }
        for (int i = segments.size() - 1; i >= 0; i--) {
            jpeg = TestJpegs.withSegment(jpeg, 0xE1, segments.get(i));
        }
        return jpeg;
    }
}
