package org.imageguard.engine;

import org.imageguard.config.DataMining;
import org.imageguard.config.ExistingXmp;
import org.imageguard.config.HeaderSettings;
import org.imageguard.config.ProtectionSettings;
import org.imageguard.config.Rights;
import org.imageguard.config.StripMode;
import org.imageguard.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProtectionPlanTest {

    private final RewriteReport.Builder report = new RewriteReport.Builder();

    private static ProtectionSettings settings(StripMode strip) {
        return new ProtectionSettings(DataMining.DMI_PROHIBITED_AIMLTRAINING, "",
                new Rights("© Example", "", "", "", "", "", ""), ExistingXmp.MERGE, strip, HeaderSettings.DEFAULTS);
    }

    @Test
    void recordsWhatItAddsAndRemovesInTheImagesReport() {
        ProtectionPlan plan = new ProtectionPlan(settings(StripMode.PRIVACY), report);

        plan.xmp(null, null, 65502);
        plan.cleanExif(Fixtures.bytes(ProtectionPlanTest.class, "/org/imageguard/engine/exif/exif-le.bin"));

        RewriteReport built = report.build(RewriteReport.REWRITTEN, 0, 0);
        assertThat(built.added()).containsExactly("XMP plus:DataMining DMI-PROHIBITED-AIMLTRAINING",
                "XMP xmpRights:Marked", "XMP dc:rights");
        assertThat(built.removed()).contains("EXIF thumbnail", "EXIF owner name (1 tag)");
    }

    @Test
    void stripNoneLeavesExifAndIptcAlone() {
        ProtectionPlan plan = new ProtectionPlan(settings(StripMode.NONE), report);
        byte[] exif = Fixtures.bytes(ProtectionPlanTest.class, "/org/imageguard/engine/exif/exif-le.bin");
        byte[] irb = "Photoshop 3.0\0anything".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThat(plan.strip()).isEqualTo(StripMode.NONE);
        assertThat(plan.cleanExif(exif)).isSameAs(exif);
        assertThat(plan.cleanPhotoshopIrb(irb)).isSameAs(irb);
        assertThat(report.build(RewriteReport.REWRITTEN, 0, 0).removed()).isEmpty();
    }

    @Test
    void stripAllDropsTheIptcSegment() {
        ProtectionPlan plan = new ProtectionPlan(settings(StripMode.ALL), report);

        assertThat(plan.cleanPhotoshopIrb("Photoshop 3.0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                .isNull();
    }
}
