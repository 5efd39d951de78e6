package org.imageguard.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.imageguard.cli.Main;
import org.imageguard.config.DataMining;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.engine.RewriteResult;
import org.imageguard.testing.ExifTool;
import org.imageguard.testing.ExternalTool;
import org.imageguard.testing.PrivateMetadata;
import org.imageguard.testing.ReferenceDecoders;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-world AVIF, HEIC, TIFF, DNG and JPEG XL files, made by other people's encoders and cameras, through the
 * engine. Each one is either protected (DataMining readable by exiftool 13, no GPS, serial or owner left, no
 * exiftool warning the original did not have, the same pixels from the format's reference decoder) or, when
 * ImageGuard cannot protect it, turned away with a verdict that {@code inspect} and {@code rewrite} name: an error
 * for what it refuses to parse, "unsupported" for what it recognises but cannot carry metadata in.
 *
 * <p>The files come from the test data of Debian source packages (libheif, tiff, libimage-exiftool-perl,
 * kimageformats), which {@code .ci/run} extracts into the folder {@code IMAGEGUARD_SAMPLES} names, and from libavif's
 * test data kept under {@code src/test/resources/real-world/libavif}.
 */
class RealWorldSamplesIT {

    private static final String VARIABLE = "IMAGEGUARD_SAMPLES";
    private static final String HINT = "run .ci/run, which extracts the test images of Debian's libheif, tiff, "
            + "libimage-exiftool-perl and kimageformats sources into ~/.cache/imageguard/real-world-samples-1";
    private static final String PROHIBITED = DataMining.DMI_PROHIBITED.uri();

    /**
     * Files ImageGuard does not protect, with their verdict: the name of the unsupported format they are recognised
     * as, or words of the {@link ImageFormatException} that refuses them.
     */
    private static final Map<String, String> NOT_PROTECTED = Map.ofEntries(
            // SubIFDs (tag 330): DNG raw data, a NEF's full-size preview, libtiff's chained sub-images.
            Map.entry("DNG.dng", "TIFF_SUBIMAGES"),
            Map.entry("Nikon.nef", "TIFF_SUBIMAGES"),
            Map.entry("tiff_with_subifd_chain.tif", "TIFF_SUBIMAGES"),
            // Old-style JPEG (TIFF 6.0 section 22): a stream (513) or tables (519-521) at absolute offsets.
            Map.entry("ojpeg_chewey_subsamp21_multi_strip.tiff", "TIFF_SUBIMAGES"),
            Map.entry("ojpeg_zackthecat_subsamp22_single_strip.tiff", "TIFF_SUBIMAGES"),
            Map.entry("ojpeg_single_strip_no_rowsperstrip.tiff", "TIFF_SUBIMAGES"),
            // Image sequences: tracks in moov address mdat with absolute chunk offsets.
            Map.entry("colors-animated-8bpc.avif", "AVIF_SEQUENCE"),
            Map.entry("colors-animated-8bpc-alpha-exif-xmp.avif", "AVIF_SEQUENCE"),
            Map.entry("colors-animated-12bpc-keyframes-0-2-3.avif", "AVIF_SEQUENCE"),
            // Bare JPEG XL codestreams: no box to carry XMP in.
            Map.entry("JXL.jxl", "JXL_CODESTREAM"),
            Map.entry("rgb.jxl", "JXL_CODESTREAM"),
            Map.entry("rgba.jxl", "JXL_CODESTREAM"),
            // libtiff's own broken files: directory chains that loop.
            Map.entry("test_ifd_loop_to_first.tif", "found a loop"),
            Map.entry("test_ifd_loop_to_self.tif", "found a loop"));

    private final ImageGuardEngine engine = new ImageGuardEngine();

    @TempDir
    Path dir;

    static Stream<Named<Path>> protectedFiles() {
        return samples().filter(file -> !NOT_PROTECTED.containsKey(file.getPayload().getFileName().toString()));
    }

    static Stream<Named<Path>> unprotectedFiles() {
        return samples().filter(file -> NOT_PROTECTED.containsKey(file.getPayload().getFileName().toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedFiles")
    void comesOutProtectedWithTheSamePixels(Path file) throws IOException {
        byte[] input = Files.readAllBytes(file);
        ImageFormat format = ImageFormat.sniff(input);

        RewriteResult result = engine.rewrite(input, EngineInteropIT.POLICY);

        assertThat(result.report().rewritten()).as(result.report().outcome()).isTrue();
        byte[] output = result.bytes();
        assertThat(ImageFormat.sniff(output)).isEqualTo(format);
        // Files, not pipes: exiftool reads a TIFF from a pipe only as far as it has buffered.
        String suffix = "." + format.name().toLowerCase(Locale.ROOT);
        Path before = Files.write(dir.resolve("before" + suffix), input);
        Path after = Files.write(dir.resolve("after" + suffix), output);
        ExifTool exiftool = ExifTool.require().requireDataMiningSupport();
        JsonNode tags = exiftool.allTags(after);
        assertThat(tags.path("XMP-plus:DataMining").asText()).as("exiftool " + exiftool.version() + " DataMining")
                .isIn("DMI-PROHIBITED", PROHIBITED);
        assertThat(PrivateMetadata.keysIn(tags)).as("private tags left").isEmpty();
        ExifTool.Validation was = exiftool.validate(before);
        ExifTool.Validation is = exiftool.validate(after);
        assertThat(is.errors()).as("exiftool errors").isSubsetOf(was.errors());
        assertThat(is.warnings()).as("new exiftool warnings").isSubsetOf(was.warnings());
        assertSamePixels(format, input, output);
    }

    /**
     * The reference decoder shows the same pixels; a file it refuses (libheif's example.avif lacks the mandatory
     * {@code pixi} property, exiftool's QuickTime.heic has no image data) must be refused for the same reason after
     * rewriting, and AVIF is then also compared as avifdec decodes it without its strict checks.
     */
    private static void assertSamePixels(ImageFormat format, byte[] input, byte[] output) {
        ReferenceDecoders.Attempt original = ReferenceDecoders.attempt(format, input);
        ReferenceDecoders.Attempt rewritten = ReferenceDecoders.attempt(format, output);
        if (original.decoded()) {
            assertThat(rewritten.diagnostics()).isEmpty();
            assertThat(rewritten.rgba()).as("decoded pixels identical").isEqualTo(original.rgba());
            return;
        }
        assertThat(rewritten.diagnostics()).as("the decoder's verdict").isEqualTo(original.diagnostics());
        if (format == ImageFormat.AVIF) {
            assertThat(ReferenceDecoders.rgba(format, output, "--no-strict")).as("decoded pixels identical")
                    .isEqualTo(ReferenceDecoders.rgba(format, input, "--no-strict"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unprotectedFiles")
    void isTurnedAwayWithAVerdictThatInspectAndRewriteName(Path file) throws IOException {
        String verdict = NOT_PROTECTED.get(file.getFileName().toString());
        byte[] input = Files.readAllBytes(file);
        Cli inspect = Cli.run("inspect", file.toString());
        Cli rewrite = Cli.run("rewrite", "-o", dir.resolve("out").toString(), file.toString());

        if (verdict.equals(verdict.toUpperCase(Locale.ROOT))) {
            RewriteResult result = engine.rewrite(input, EngineInteropIT.POLICY);
            assertThat(result.report().format().name()).isEqualTo(verdict);
            assertThat(result.report().outcome()).isEqualTo(ImageGuardEngine.UNSUPPORTED);
            assertThat(result.bytes()).isEqualTo(input);
            assertThat(inspect.out()).as("inspect").contains(file.toString())
                    .contains("privacy          not examined (ImageGuard cannot read " + verdict + " metadata)");
            assertThat(rewrite.out()).as("rewrite").contains(file.getFileName().toString())
                    .contains(ImageGuardEngine.UNSUPPORTED + " " + verdict);
        } else {
            ImageFormatException refused = catchThrowableOfType(
                    () -> engine.rewrite(input, EngineInteropIT.POLICY), ImageFormatException.class);
            assertThat(refused).as("a typed refusal").isNotNull();
            assertThat(refused.getMessage()).contains(verdict);
            assertThat(refused.format()).isEqualTo(ImageFormat.sniff(input));
            assertThat(inspect.err()).as("inspect").contains(file.toString()).contains(verdict);
            assertThat(rewrite.out() + rewrite.err()).as("rewrite").contains(file.getFileName().toString())
                    .contains(verdict);
        }
    }

    private record Cli(int exitCode, String out, String err) {

        static Cli run(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exitCode = Main.run(new PrintWriter(out), new PrintWriter(err), args);
            return new Cli(exitCode, out.toString(), err.toString());
        }
    }

    /** Every file of the extracted Debian samples and of the libavif resources, named by folder and file. */
    private static Stream<Named<Path>> samples() {
        Path debian = ExternalTool.requireDirectory(VARIABLE, HINT);
        return Stream.concat(filesUnder(debian), filesUnder(libavif()));
    }

    private static Path libavif() {
        try {
            return Path.of(RealWorldSamplesIT.class.getResource("/real-world/libavif").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Stream<Named<Path>> filesUnder(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> images = files.filter(Files::isRegularFile).filter(file -> {
                String name = file.getFileName().toString();
                return !name.equals("complete") && !name.endsWith(".md");
            }).sorted().toList();
            return images.stream().map(file -> Named.of(file.getParent().getFileName() + "/" + file.getFileName(),
                    file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }
}
