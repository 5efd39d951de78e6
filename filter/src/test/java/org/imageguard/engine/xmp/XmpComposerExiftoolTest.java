package org.imageguard.engine.xmp;

import org.imageguard.config.DataMining;
import org.imageguard.config.ExistingXmp;
import org.imageguard.config.HeaderSettings;
import org.imageguard.config.ProtectionSettings;
import org.imageguard.config.Rights;
import org.imageguard.config.StripMode;
import org.imageguard.engine.RewriteReport;
import org.imageguard.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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

        String xml = new String(ExternalTool.runOk(List.of("exiftool", "-X", "-XMP:all", file.toString()), null),
                StandardCharsets.UTF_8);

        assertThat(xml).contains(
                "<XMP-plus:DataMining>http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED</XMP-plus:DataMining>");
        assertThat(xml).contains("<XMP-xmpRights:Marked>True</XMP-xmpRights:Marked>");
    }

    @Test
    void exiftoolReadsHostileRightsValuesBackVerbatimWithoutWarnings() throws Exception {
        ExternalTool.require("exiftool");
        String hostile = "</rdf:li><x:evil/> & \"q\" 'a' ]]> <?pi?>";
        Rights rights = new Rights(hostile, "", hostile, "", "", "", "");
        Path file = sidecar(new ProtectionSettings(DataMining.DMI_PROHIBITED, "", rights, ExistingXmp.MERGE,
                StripMode.PRIVACY, HeaderSettings.DEFAULTS));

        String copyright = new String(ExternalTool.runOk(List.of("exiftool", "-b", "-XMP-dc:Rights",
                file.toString()), null), StandardCharsets.UTF_8);
        String credit = new String(ExternalTool.runOk(List.of("exiftool", "-b", "-XMP-photoshop:Credit",
                file.toString()), null), StandardCharsets.UTF_8);
        String warnings = new String(ExternalTool.runOk(List.of("exiftool", "-validate", "-warning", "-a",
                file.toString()), null), StandardCharsets.UTF_8);

        assertThat(copyright).isEqualTo(hostile);
        assertThat(credit).isEqualTo(hostile);
        assertThat(warnings).doesNotContain("Warning");
    }
}
