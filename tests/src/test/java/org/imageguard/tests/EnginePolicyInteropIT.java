package org.imageguard.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.imageguard.config.DataMining;
import org.imageguard.config.Policy;
import org.imageguard.config.StripMode;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.testing.Corpus;
import org.imageguard.testing.ExifTool;
import org.imageguard.testing.ImageTools;
import org.imageguard.testing.PrivateMetadata;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The settings other than the default: every DataMining code reads back in exiftool 13 (each format in turn), with
 * the constraint text when the code points to it; {@code strip: all} still keeps the picture and still drops the private.
 */
class EnginePolicyInteropIT {

    /** XML's special characters and a quote, in the lang-alt text {@code plus:OtherConstraints}. */
    static final String CONSTRAINT = "Licences: <licensing@example.com> & \"ask first\"";

    /** One file per format, each carrying something to strip. */
    private static final List<String> REPRESENTATIVES = List.of("jpeg-camera.jpg", "png-rgb-exif.png",
            "gif-xmp-gps.gif", "webp-exif.webp", "svg-basic.svg");

    private final ImageGuardEngine engine = new ImageGuardEngine();

    /** Each code once, the formats taking turns: every code and every format covered in nine rewrites. */
    static Stream<Arguments> codesByFormat() {
        List<Corpus.Entry> representatives = Corpus.entries().stream()
                .filter(entry -> REPRESENTATIVES.contains(entry.name())).toList();
        DataMining[] codes = DataMining.values();
        return IntStream.range(0, codes.length)
                .mapToObj(i -> Arguments.of(codes[i], representatives.get(i % representatives.size())));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("codesByFormat")
    void everyDataMiningCodeReadsBackAsItsCode(DataMining code, Corpus.Entry entry) {
        ExifTool exiftool = ExifTool.require().requireDataMiningSupport();
        String constraint = code == DataMining.DMI_PROHIBITED_SEECONSTRAINT ? CONSTRAINT : "";
        Policy policy = EngineInteropIT.policy(code, constraint, StripMode.PRIVACY);

        JsonNode tags = exiftool.tags(engine.rewrite(Corpus.bytes(entry), policy).bytes(), "-XMP-plus:all");

        assertThat(tags.path("XMP-plus:DataMining").asText()).isEqualTo(code.code());
        if (!constraint.isEmpty()) {
            assertThat(tags.path("XMP-plus:OtherConstraints").asText()).isEqualTo(CONSTRAINT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.imageguard.testing.Corpus#entries")
    void stripAllKeepsThePictureAndDropsThePrivate(Corpus.Entry entry) {
        byte[] input = Corpus.bytes(entry);
        Policy stripAll = EngineInteropIT.policy(DataMining.DMI_PROHIBITED, "", StripMode.ALL);
        byte[] output = engine.rewrite(input, stripAll).bytes();
        ExifTool exiftool = ExifTool.require();
        JsonNode before = exiftool.allTags(input);
        JsonNode after = exiftool.allTags(output);

        assertThat(PrivateMetadata.keysIn(after)).isEmpty();
        assertThat(after.path("XMP-dc:Rights").asText()).isEqualTo(EngineInteropIT.COPYRIGHT);
        assertThat(after.path("IFD0:Orientation")).isEqualTo(before.path("IFD0:Orientation"));
        assertThat(after.path("ICC_Profile:ICC_Profile")).isEqualTo(before.path("ICC_Profile:ICC_Profile"));
        assertThat(after.path("Adobe:ColorTransform")).isEqualTo(before.path("Adobe:ColorTransform"));
        assertThat(ImageTools.pixelDigest(entry.format(), output))
                .isEqualTo(ImageTools.pixelDigest(entry.format(), input));
    }
}
