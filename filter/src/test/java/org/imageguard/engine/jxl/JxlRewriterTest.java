package org.imageguard.engine.jxl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.imageguard.config.Policy;
import org.imageguard.engine.FormatRewriters;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.engine.RewriteResult;
import org.imageguard.testing.ExternalTool;
import org.imageguard.testing.Fixtures;
import org.imageguard.testing.Images;
import org.imageguard.testing.ReferenceDecoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JPEG XL through the engine with the default policy (make-fixtures.sh: cjxl, exiftool 13); checked with exiftool
 * and with djxl's decoded pixels.
 */
class JxlRewriterTest {

    private static final String PROHIBITED = "http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED";

    private final ImageGuardEngine engine = new ImageGuardEngine();

    @TempDir
    Path dir;

    @Test
    void gpsSerialAndOwnerAreGoneOrientationAndTheMergedCreatorStayAndDataMiningIsThere() throws Exception {
        byte[] in = fixture("meta.jxl");
        assertThat(Images.exiftool(in, "-a", "-s").out()).contains("GPSLatitude", "SN12345", "Jane Owner", "Jane Xmp");

        RewriteResult result = engine.rewrite(in, Policy.DEFAULTS);

        byte[] out = result.bytes();
        String tags = Images.exiftool(out, "-a", "-s", "-G1").out();
        assertThat(tags).doesNotContain("GPS", "SerialNumber", "SN12345", "Jane Owner")
                .contains("Orientation", "Rotate 90 CW");
        // existing-xmp: merge (the default) keeps the creator, in our one xml box.
        assertThat(tags.lines().filter(line -> line.contains("Jane Xmp"))).hasSize(1);
        assertThat(new String(out, StandardCharsets.ISO_8859_1).split("xml ", -1)).hasSize(2);
        assertThat(Images.exiftoolDataMining(out)).isEqualTo(PROHIBITED);
        assertThat(new String(out, StandardCharsets.ISO_8859_1)).doesNotContain("SN12345", "Jane Owner");
        assertThat(decoded(out)).isEqualTo(decoded(in));
    }

    @Test
    void aContainerWithoutMetadataGetsAnXmlBoxAndDecodesTheSame() throws Exception {
        byte[] in = fixture("container.jxl");

        byte[] out = engine.rewrite(in, Policy.DEFAULTS).bytes();

        assertThat(Images.exiftoolDataMining(out)).isEqualTo(PROHIBITED);
        assertThat(decoded(out)).isEqualTo(decoded(in));
        assertThat(warnings(out)).isSubsetOf(warnings(in));
    }

    @Test
    void aBareCodestreamIsUnsupportedAndLeftAsItIs() {
        byte[] in = fixture("bare.jxl");

        RewriteResult result = engine.rewrite(in, Policy.DEFAULTS);

        assertThat(result.report().format()).isEqualTo(ImageFormat.JXL_CODESTREAM);
        assertThat(result.report().outcome()).isEqualTo(ImageGuardEngine.UNSUPPORTED);
        assertThat(result.bytes()).isEqualTo(in);
    }

    @Test
    void compressedMetadataBoxesAreDroppedUnderPrivacy() {
        byte[] container = fixture("container.jxl");
        ByteArrayOutputStream withBrob = new ByteArrayOutputStream();
        withBrob.write(container, 0, 32); // signature and ftyp
        withBrob.writeBytes(new byte[] {0, 0, 0, 16, 'b', 'r', 'o', 'b', 'E', 'x', 'i', 'f', 1, 2, 3, 4});
        withBrob.write(container, 32, container.length - 32);

        byte[] out = engine.rewrite(withBrob.toByteArray(), Policy.DEFAULTS).bytes();

        assertThat(new String(out, StandardCharsets.ISO_8859_1)).doesNotContain("brob");
        assertThat(Images.exiftoolDataMining(out)).isEqualTo(PROHIBITED);
    }

    @Test
    void badBoxSizesAreRefusedWithTheirOffset() {
        byte[] container = fixture("container.jxl");
        byte[] broken = container.clone();
        broken[35] = (byte) 0xFF; // the jxlc box's size now runs past the end

        assertThatThrownBy(() -> new JxlRewriter().read(broken)).isInstanceOf(ImageFormatException.class)
                .hasMessageStartingWith("JXL at offset 32: expected a box size between 8 and the 131 bytes left");
    }

    @Test
    void isTheDefaultRewriterForTheContainer() {
        assertThat(FormatRewriters.defaults().forFormat(ImageFormat.JXL)).containsInstanceOf(JxlRewriter.class);
        assertThat(FormatRewriters.defaults().forFormat(ImageFormat.JXL_CODESTREAM)).isEmpty();
    }

    private static byte[] decoded(byte[] jxl) {
        return ReferenceDecoders.rgba(ImageFormat.JXL, jxl);
    }

    private List<String> warnings(byte[] jxl) throws Exception {
        Path file = Files.write(Files.createTempFile(dir, "validate", ".jxl"), jxl);
        return Images.exiftool(file, "-validate", "-warning", "-a", "-s").out().lines()
                .filter(line -> !line.startsWith("Validate")).toList();
    }

    private static byte[] fixture(String name) {
        return Fixtures.bytes(JxlRewriterTest.class, name);
    }
}
