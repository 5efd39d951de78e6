package org.imageguard.engine.heif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.imageguard.config.Policy;
import org.imageguard.config.StripMode;
import org.imageguard.engine.FormatRewriters;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.RewriteResult;
import org.imageguard.testing.ExternalTool;
import org.imageguard.testing.FixedMetadataPlan;
import org.imageguard.testing.Fixtures;
import org.imageguard.testing.Images;
import org.imageguard.testing.ReferenceDecoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AVIF and HEIC through the engine with the default policy (make-fixtures.sh: avifenc, heif-enc, exiftool 13);
 * checked with exiftool, heif-info and the pixels avifdec / heif-convert decode.
 */
class HeifRewriterTest {

    private static final String PROHIBITED = "http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED";

    private final ImageGuardEngine engine = new ImageGuardEngine();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"meta.avif", "grid.avif", "meta.heic"})
    void gpsSerialAndOwnerLeaveTheFileTheMergedCreatorStaysAndDataMiningIsThere(String name) throws Exception {
        byte[] in = fixture(name);
        assertThat(Images.exiftool(in, "-a", "-s").out()).contains("GPSLatitude", "SN12345", "Jane Owner", "Jane Xmp");

        RewriteResult result = engine.rewrite(in, Policy.DEFAULTS);

        assertThat(result.report().rewritten()).isTrue();
        byte[] out = result.bytes();
        String tags = Images.exiftool(out, "-a", "-s", "-G1").out();
        assertThat(tags).doesNotContain("GPS", "SerialNumber", "SN12345", "OwnerName", "Jane Owner");
        // existing-xmp: merge (the default) keeps the creator, in our one XMP item.
        assertThat(tags.lines().filter(line -> line.contains("Jane Xmp"))).hasSize(1);
        assertThat(Images.exiftoolDataMining(out)).isEqualTo(PROHIBITED);
        assertThat(new String(out, StandardCharsets.ISO_8859_1)).doesNotContain("SN12345", "Jane Owner")
                .containsOnlyOnce("application/rdf+xml");
        assertThat(warnings(out)).isSubsetOf(warnings(in));
        assertThat(decoded(name, out)).isEqualTo(decoded(name, in));
    }

    @Test
    void theThumbnailAndItsReferenceSurvive() throws Exception {
        byte[] out = engine.rewrite(fixture("meta.heic"), Policy.DEFAULTS).bytes();

        String info = heifInfo(out);
        assertThat(info).contains("image: 64x48", "primary", "thumbnail: 16x12", "XMP:");
    }

    @Test
    void alphaStaysAnAuxiliaryImage() throws Exception {
        byte[] out = engine.rewrite(fixture("grid.avif"), Policy.DEFAULTS).bytes();

        assertThat(heifInfo(out)).contains("image: 128x64", "alpha channel: yes");
    }

    @Test
    void imageItemPayloadsAreCopiedByteForByte() {
        byte[] in = fixture("grid.avif");
        byte[] out = engine.rewrite(in, Policy.DEFAULTS).bytes();

        HeifFile before = HeifParser.parse(in, ImageFormat.AVIF);
        HeifFile after = HeifParser.parse(out, ImageFormat.AVIF);
        int compared = 0;
        for (HeifItem item : before.items()) {
            if (item.type().equals("av01") || item.type().equals("grid")) {
                assertThat(ItemData.of(out, after, after.item(item.id()))).as("item " + item.id())
                        .isEqualTo(ItemData.of(in, before, item));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(4); // two colour tiles, two alpha tiles, two grids
    }

    @Test
    void anImageWithoutMetadataGetsAnXmpItem() throws Exception {
        byte[] in = fixture("plain.heic");

        byte[] out = engine.rewrite(in, Policy.DEFAULTS).bytes();

        assertThat(Images.exiftoolDataMining(out)).isEqualTo(PROHIBITED);
        assertThat(warnings(out)).isSubsetOf(warnings(in));
        assertThat(decoded("plain.heic", out)).isEqualTo(decoded("plain.heic", in));
    }

    @Test
    void rewritingTwiceKeepsOneXmpItem() {
        byte[] once = engine.rewrite(fixture("meta.avif"), Policy.DEFAULTS).bytes();
        byte[] twice = engine.rewrite(once, Policy.DEFAULTS).bytes();

        assertThat(Arrays.equals(twice, once)).as("the second rewrite changes nothing").isTrue();
    }

    @Test
    void aDroppedExifItemLeavesWithItsReferenceAndItsBytes() throws Exception {
        byte[] in = fixture("meta.heic");
        FixedMetadataPlan plan = FixedMetadataPlan.privacy().dropExif();

        byte[] out = new HeifRewriter(ImageFormat.HEIF).rewrite(in, plan, new RewriteReport.Builder());

        assertThat(new String(out, StandardCharsets.ISO_8859_1)).doesNotContain("SN12345", "Jane Owner", "Exif");
        assertThat(heifInfo(out)).doesNotContain("Exif:").contains("thumbnail: 16x12");
        assertThat(Images.exiftool(out, "-a", "-s", "-G1").out()).doesNotContain("[ExifIFD]", "[GPS]");
        assertThat(new String(plan.existingXmp(), StandardCharsets.UTF_8)).contains("Jane Xmp");
        assertThat(Images.exiftoolDataMining(out)).isEqualTo(PROHIBITED);
        assertThat(warnings(out)).isSubsetOf(warnings(in));
        assertThat(decoded("meta.heic", out)).isEqualTo(decoded("meta.heic", in));
    }

    @Test
    void stripNoneKeepsTheExifAsItWas() {
        byte[] in = fixture("meta.avif");

        byte[] out = new HeifRewriter(ImageFormat.AVIF).rewrite(in, FixedMetadataPlan.of(StripMode.NONE),
                new RewriteReport.Builder());

        assertThat(Images.exiftoolBinary(out, "EXIF")).isEqualTo(Images.exiftoolBinary(in, "EXIF"));
        assertThat(Images.exiftool(out, "-a", "-s").out()).contains("SN12345", "Jane Owner", "GPSLatitude");
    }

    @Test
    void anMdatRunningToTheEndOfTheFileIsRead() throws Exception {
        byte[] in = fixture("plain.heic").clone();
        int mdat = 456; // the last box (make-fixtures.sh)
        assertThat(new String(in, mdat + 4, 4, StandardCharsets.ISO_8859_1)).isEqualTo("mdat");
        in[mdat] = in[mdat + 1] = in[mdat + 2] = in[mdat + 3] = 0; // size 0: to the end of the file

        byte[] out = engine.rewrite(in, Policy.DEFAULTS).bytes();

        assertThat(Images.exiftoolDataMining(out)).isEqualTo(PROHIBITED);
        assertThat(decoded("plain.heic", out)).isEqualTo(decoded("plain.heic", fixture("plain.heic")));
    }

    @Test
    void anImageSequenceIsAnUnsupportedFormatLeftAsItIs() {
        byte[] withMoov = plainWithMoov();

        RewriteResult result = engine.rewrite(withMoov, Policy.DEFAULTS);

        assertThat(result.report().format()).isEqualTo(ImageFormat.HEIF_SEQUENCE);
        assertThat(result.report().outcome()).isEqualTo(ImageGuardEngine.UNSUPPORTED);
        assertThat(result.bytes()).isEqualTo(withMoov);
    }

    @Test
    void theRewriterItselfStillRefusesASequenceItIsHanded() {
        byte[] withMoov = plainWithMoov();

        assertThatThrownBy(() -> new HeifRewriter(ImageFormat.HEIF).read(withMoov))
                .isInstanceOf(ImageFormatException.class)
                .hasMessage("HEIF at offset " + (withMoov.length - 8) + ": expected a still image, found an image sequence "
                        + "(moov): image sequences are not supported");
    }

    @Test
    void badBoxSizesAreRefusedWithTheirOffset() {
        byte[] broken = fixture("plain.heic").clone();
        broken[2] = (byte) 0xFF; // the ftyp box now runs past the end

        assertThatThrownBy(() -> new HeifRewriter(ImageFormat.HEIF).read(broken))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageStartingWith("HEIF at offset 0: expected a box size between 8 and the " + broken.length
                        + " bytes left in its parent, found");
    }

    @Test
    void readFindsTheDimensionsAndTheMetadata() {
        var metadata = new HeifRewriter(ImageFormat.HEIF).read(fixture("meta.heic"));

        assertThat(metadata.width()).isEqualTo(64);
        assertThat(metadata.height()).isEqualTo(48);
        assertThat(new String(metadata.xmp(), StandardCharsets.UTF_8)).contains("Jane Xmp");
        assertThat(new String(metadata.exif(), 0, 2, StandardCharsets.ISO_8859_1)).isIn("II", "MM");
    }

    @Test
    void isTheDefaultRewriterForBothBrands() {
        assertThat(FormatRewriters.defaults().forFormat(ImageFormat.AVIF)).containsInstanceOf(HeifRewriter.class);
        assertThat(FormatRewriters.defaults().forFormat(ImageFormat.HEIF)).containsInstanceOf(HeifRewriter.class);
    }

    /** The pixels as avifdec (for .avif) or heif-convert decodes them. */
    private static byte[] decoded(String name, byte[] image) {
        return ReferenceDecoders.rgba(name.endsWith(".avif") ? ImageFormat.AVIF : ImageFormat.HEIF, image);
    }

    private String heifInfo(byte[] image) throws Exception {
        Path file = Files.write(Files.createTempFile(dir, "info", ".heic"), image);
        ExternalTool.Result result = ExternalTool.run(List.of("heif-info", file.toString()), null);
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return result.out();
    }

    private List<String> warnings(byte[] image) throws Exception {
        Path file = Files.write(Files.createTempFile(dir, "validate", ".heic"), image);
        return Images.exiftool(file, "-validate", "-warning", "-a", "-s").out().lines()
                .filter(line -> !line.startsWith("Validate")).toList();
    }

    /** The plain HEIC with an (empty) moov box after it, the box image sequences carry their tracks in. */
    private static byte[] plainWithMoov() {
        byte[] still = fixture("plain.heic");
        byte[] withMoov = Arrays.copyOf(still, still.length + 8);
        System.arraycopy(new byte[] {0, 0, 0, 8, 'm', 'o', 'o', 'v'}, 0, withMoov, still.length, 8);
        return withMoov;
    }

    private static byte[] fixture(String name) {
        return Fixtures.bytes(HeifRewriterTest.class, name);
    }
}
