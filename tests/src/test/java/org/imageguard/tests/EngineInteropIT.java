package org.imageguard.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.imageguard.config.DataMining;
import org.imageguard.config.ExistingXmp;
import org.imageguard.config.HeaderSettings;
import org.imageguard.config.Policy;
import org.imageguard.config.ProtectionSettings;
import org.imageguard.config.Rights;
import org.imageguard.config.StripMode;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.RewriteResult;
import org.imageguard.testing.Corpus;
import org.imageguard.testing.ExifTool;
import org.imageguard.testing.ImageTools;
import org.imageguard.testing.PrivateMetadata;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What independent readers see after the engine rewrote each corpus file with the default privacy policy and the
 * owner's rights: exiftool 13 finds the DataMining prohibition and the rights, no GPS, serial or owner is left, the
 * file is at least as valid as before, and the picture (pixels, orientation, ICC profile, frames) is unchanged.
 *
 * <p>The rights text is hostile on purpose: {@code <}, {@code >}, {@code &} and a non-ASCII sign must survive XML
 * escaping and come back exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineInteropIT {

    static final String COPYRIGHT = "© 2026 Jane Doe <jane@example.com> & Co";
    static final String CREATOR = "Jane Doe";
    static final String WEB_STATEMENT = "https://example.com/license";
    static final Policy POLICY = policy(DataMining.DMI_PROHIBITED, "", StripMode.PRIVACY);

    private static final String ENTRIES = "org.imageguard.testing.Corpus#entries";
    private static final int MAX_GROWTH = 8 * 1024;
    /** Tags that shape how the picture is shown; each must read the same before and after. */
    private static final List<String> PICTURE_TAGS = List.of("IFD0:Orientation", "Adobe:ColorTransform",
            "PNG:Gamma", "PNG:SRGBRendering", "PNG:WhitePointX", "PNG:BitDepth", "PNG:ColorType",
            "GIF:AnimationIterations", "GIF:FrameCount", "RIFF:AnimationLoopCount", "File:ImageWidth",
            "File:ImageHeight", "File:ColorComponents", "PNG:ImageWidth", "PNG:ImageHeight", "GIF:ImageWidth",
            "GIF:ImageHeight", "RIFF:ImageWidth", "RIFF:ImageHeight");

    private final ImageGuardEngine engine = new ImageGuardEngine();
    private final Map<String, byte[]> outputs = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> tags = new ConcurrentHashMap<>();

    @ParameterizedTest(name = "{0}")
    @MethodSource(ENTRIES)
    void exiftool13ReadsTheDataMiningProhibition(Corpus.Entry entry) {
        ExifTool exiftool = ExifTool.require().requireDataMiningSupport();
        JsonNode out = outputTags(entry);

        String raw = out.path("XMP-plus:DataMining").asText();
        String printed = exiftool.printedTags(output(entry), "-XMP-plus:DataMining").path("XMP-plus:DataMining")
                .asText();
        System.out.printf("%s: exiftool %s reads XMP-plus:DataMining raw=\"%s\" printed=\"%s\"%n",
                entry, exiftool.version(), raw, printed);

        // exiftool's ValueConv strips the vocabulary prefix: the full URI in the file reads back as the bare code...
        assertThat(raw).isEqualTo(DataMining.DMI_PROHIBITED.code());
        assertThat(printed).isEqualTo("Prohibited");
        // ...so the packet itself shows whether the full URI was written. exiftool extracts no XMP:XMP from an SVG,
        // whose packet is the file's own text.
        byte[] packet = entry.format() == ImageFormat.SVG ? output(entry) : ExifTool.bytesOf(out.path("XMP:XMP"));
        assertThat(new String(packet, StandardCharsets.UTF_8))
                .as("PLUS: the stored value is the full vocabulary URI")
                .contains(DataMining.DMI_PROHIBITED.uri());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ENTRIES)
    void exiftoolReadsTheHostileRightsBackExactly(Corpus.Entry entry) {
        JsonNode out = outputTags(entry);

        assertThat(out.path("XMP-dc:Rights").asText()).isEqualTo(COPYRIGHT);
        assertThat(textValues(out.path("XMP-dc:Creator"))).containsExactly(CREATOR);
        assertThat(out.path("XMP-xmpRights:WebStatement").asText()).isEqualTo(WEB_STATEMENT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ENTRIES)
    void noGpsSerialNumberOrOwnerNameIsLeftAnywhere(Corpus.Entry entry) {
        assertThat(PrivateMetadata.keysIn(outputTags(entry))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ENTRIES)
    void exiftoolValidateFindsNoErrorAndNoNewWarning(Corpus.Entry entry) {
        ExifTool exiftool = ExifTool.require();
        ExifTool.Validation before = exiftool.validate(Corpus.bytes(entry));
        ExifTool.Validation after = exiftool.validate(output(entry));

        assertThat(after.errors()).isEmpty();
        assertThat(after.warnings()).isSubsetOf(before.warnings());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ENTRIES)
    void formatCheckerAcceptsTheOutputWhenItAcceptedTheInput(Corpus.Entry entry) {
        ImageTools.check(entry.format(), Corpus.bytes(entry))
                .filter(result -> result.exitCode() == 0)
                .flatMap(accepted -> ImageTools.check(entry.format(), output(entry)))
                .ifPresent(result -> assertThat(result.exitCode()).as(result.describe()).isZero());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ENTRIES)
    void everyFrameDecodesToTheSamePixelsOnceOriented(Corpus.Entry entry) {
        String before = ImageTools.pixelDigest(entry.format(), Corpus.bytes(entry));

        assertThat(ImageTools.pixelDigest(entry.format(), output(entry))).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ENTRIES)
    void frameCountIsUnchanged(Corpus.Entry entry) {
        assertThat(ImageTools.frames(entry.format(), output(entry))).isEqualTo(entry.frames());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ENTRIES)
    void iccProfileBytesAreIdentical(Corpus.Entry entry) {
        String icc = "ICC_Profile:ICC_Profile";
        byte[] before = ExifTool.bytesOf(inputTags(entry).path(icc));

        assertThat(ExifTool.bytesOf(outputTags(entry).path(icc))).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ENTRIES)
    void pictureShapingTagsReadTheSame(Corpus.Entry entry) {
        JsonNode before = inputTags(entry);
        JsonNode after = outputTags(entry);

        for (String tag : PICTURE_TAGS) {
            assertThat(after.path(tag)).as(tag).isEqualTo(before.path(tag));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ENTRIES)
    void outputGrowsByAtMost8KiB(Corpus.Entry entry) {
        assertThat(output(entry).length).isLessThanOrEqualTo(Corpus.bytes(entry).length + MAX_GROWTH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ENTRIES)
    void rewritingTheOutputAgainChangesNothingExiftoolSees(Corpus.Entry entry) {
        byte[] twice = engine.rewrite(output(entry), POLICY).bytes();

        assertThat(withoutFileFacts(ExifTool.require().allTags(twice))).isEqualTo(withoutFileFacts(outputTags(entry)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ENTRIES)
    void engineReportsARewriteOfTheRightFormat(Corpus.Entry entry) {
        RewriteResult result = engine.rewrite(Corpus.bytes(entry), POLICY);

        assertThat(result.report().outcome()).isEqualTo(RewriteReport.REWRITTEN);
        assertThat(result.report().format()).isEqualTo(entry.format());
    }

    /** The defaults with the owner's rights above, the given code (and constraint text) and strip mode. */
    static Policy policy(DataMining code, String otherConstraints, StripMode strip) {
        Rights rights = new Rights(COPYRIGHT, CREATOR, "", WEB_STATEMENT, "", "", "");
        ProtectionSettings protection = new ProtectionSettings(code, otherConstraints, rights, ExistingXmp.MERGE,
                strip, HeaderSettings.DEFAULTS);
        Policy defaults = Policy.DEFAULTS;
        return new Policy(protection, defaults.optimize(), defaults.watermark(), defaults.hotlink(),
                defaults.aiCrawlers(), defaults.limits());
    }

    /**
     * The engine's output for an entry, rewritten once per test class and kept in {@code target/interop-out} so a
     * failure can be examined with the same tools.
     */
    private byte[] output(Corpus.Entry entry) {
        byte[] input = Corpus.bytes(entry);
        return outputs.computeIfAbsent(entry.name(), name -> keep(name, engine.rewrite(input, POLICY).bytes()));
    }

    private static byte[] keep(String name, byte[] output) {
        Path file = Corpus.directory().resolveSibling("interop-out").resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep " + file, e);
        }
        return output;
    }

    /** {@link ExifTool#allTags} of the output, read once per test class. */
    private JsonNode outputTags(Corpus.Entry entry) {
        byte[] output = output(entry);
        return tags.computeIfAbsent("out/" + entry.name(), name -> ExifTool.require().allTags(output));
    }

    /** {@link ExifTool#allTags} of the input, read once per test class. */
    private JsonNode inputTags(Corpus.Entry entry) {
        byte[] input = Corpus.bytes(entry);
        return tags.computeIfAbsent("in/" + entry.name(), name -> ExifTool.require().allTags(input));
    }

    /**
     * The tags' meaning: without those describing the file (size, dates), the raw packet (XMP property order is not
     * significant) and binary blobs (the ICC profile has its own test; base64 would drown a failure message).
     */
    private static JsonNode withoutFileFacts(JsonNode tags) {
        ObjectNode copy = tags.deepCopy();
        copy.remove(List.of("System:FileSize", "System:FileModifyDate", "System:FileAccessDate",
                "System:FileInodeChangeDate", "System:FilePermissions", "XMP:XMP"));
        List<String> blobs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : copy.properties()) {
            if (field.getValue().asText().startsWith("base64:")) {
                blobs.add(field.getKey());
            }
        }
        copy.remove(blobs);
        return copy;
    }

    /** A single text or an array of texts, as exiftool prints {@code rdf:Seq} values. */
    private static List<String> textValues(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> values.add(item.asText()));
        } else if (!node.isMissingNode()) {
            values.add(node.asText());
        }
        return values;
    }
}
