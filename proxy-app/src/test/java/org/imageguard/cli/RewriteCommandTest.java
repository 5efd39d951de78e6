package org.imageguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.pixels.PixelStage;
import org.imageguard.testing.ExternalTool;
import org.imageguard.testing.Images;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RewriteCommandTest {

    private static final String PROHIBITED = "http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED";
    /** A bare JPEG XL codestream: an image ImageGuard recognises and cannot protect. */
    private static final byte[] CODESTREAM = {(byte) 0xFF, 0x0A, (byte) 0xFA, 0x1F, 0x42, 0x08, 0x10, 0x04, 0x40, 0x00, 0x00, 0x00};

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;
    private Path site;

    /** site/gps.jpg, site/notes.txt, site/img/plain.png, site/img/broken.jpg (a corrupt JPEG). */
    @BeforeEach
    void site() {
        site = dir.resolve("site");
        Samples.copy("gps.jpg", site.resolve("gps.jpg"));
        Samples.copy("plain.png", site.resolve("img/plain.png"));
        Samples.write(site.resolve("img/broken.jpg"), Samples.CORRUPT_JPEG);
        Samples.write(site.resolve("notes.txt"), "not a picture\n".getBytes(StandardCharsets.UTF_8));
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void rewritesATreeIntoAMirroredOutputTreeAndCountsEachKindOfFile() throws IOException {
        Path output = dir.resolve("out");
        assertThat(run("rewrite", "-o", output.toString(), site.toString())).isEqualTo(1);

        assertThat(out.toString().lines().findFirst().orElseThrow()).matches("files 4, rewritten 2, unchanged 0, "
                + "skipped 1 \\(not images\\), failed 1, bytes \\d+ → \\d+ \\([+−]\\d+\\.\\d%\\)");
        assertThat(files(output)).containsExactly("gps.jpg", "img/broken.jpg", "img/plain.png", "notes.txt");
    }

    @Test
    void theOutputTreeIsCompleteAndEveryFileNotRewrittenIsNamedInTheSummary() throws IOException {
        Path output = dir.resolve("out");
        Path codestream = Samples.write(site.resolve("photo.jxl"), CODESTREAM);

        run("rewrite", "-o", output.toString(), site.toString());

        assertThat(Files.readString(output.resolve("notes.txt"))).isEqualTo("not a picture\n");
        assertThat(Files.readAllBytes(output.resolve("img/broken.jpg"))).isEqualTo(Samples.CORRUPT_JPEG);
        assertThat(Files.readAllBytes(output.resolve("photo.jxl"))).isEqualTo(Files.readAllBytes(codestream));
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(1)).isEqualTo("not rewritten (copied as they are):");
        assertThat(lines.subList(2, lines.size())).satisfiesExactlyInAnyOrder(
                line -> assertThat(line).startsWith("  " + site.resolve("img/broken.jpg") + ": failed: JPEG at "),
                line -> assertThat(line).isEqualTo("  " + site.resolve("notes.txt") + ": not an image"),
                line -> assertThat(line).startsWith("  " + codestream + ": image left unchanged ("));
    }

    @Test
    void onUnsupportedRejectMakesAnUnsupportedImageAFailureThatIsNotCopied() throws IOException {
        Path config = Samples.write(dir.resolve("strict.yaml"),
                "limits:\n  on-unsupported: reject\n".getBytes(StandardCharsets.UTF_8));
        Path codestream = Samples.write(site.resolve("photo.jxl"), CODESTREAM);
        Path output = dir.resolve("out");

        assertThat(run("rewrite", "--config", config.toString(), "-o", output.toString(), codestream.toString()))
                .isEqualTo(1);

        assertThat(err.toString()).isEqualTo(codestream + ": JXL_CODESTREAM cannot be protected (limits.on-unsupported: reject)\n");
        assertThat(out.toString()).startsWith("files 1, rewritten 0, unchanged 0, skipped 0 (not images), failed 1,")
                .contains("  " + codestream + ": failed: JXL_CODESTREAM cannot be protected");
        assertThat(output.resolve("photo.jxl")).doesNotExist();
    }

    @Test
    void aTiffWithGpsSerialAndOwnerIsProtected() throws IOException {
        byte[] original = org.imageguard.testing.Fixtures.bytes(ImageFormat.class,
                "/org/imageguard/engine/tiff/strip-le.tif");
        Path scan = Samples.write(site.resolve("scan.tif"), original);
        Path output = dir.resolve("out");

        run("rewrite", "-o", output.toString(), scan.toString());

        assertThat(out.toString()).startsWith("files 1, rewritten 1,");
        byte[] rewritten = Files.readAllBytes(output.resolve("scan.tif"));
        assertThat(Images.exiftoolDataMining(rewritten)).isEqualTo(PROHIBITED);
        assertThat(ExternalTool.run(List.of("exiftool", "-s", "-GPS:all", "-SerialNumber", "-OwnerName", "-"),
                rewritten).out()).isEmpty();
    }

    @Test
    void anSvgWhoseRootFollowsALongCommentIsRewritten() throws IOException {
        Path svg = Samples.write(site.resolve("logo.svg"), ("<?xml version=\"1.0\"?>\n<!-- " + "licence ".repeat(1000)
                + "-->\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2\" height=\"2\"/>\n")
                .getBytes(StandardCharsets.UTF_8));
        Path output = dir.resolve("out");

        run("rewrite", "-o", output.toString(), svg.toString());

        assertThat(out.toString()).startsWith("files 1, rewritten 1,");
        assertThat(Files.readString(output.resolve("logo.svg"))).contains("<metadata><rdf:RDF ")
                .contains("DMI-PROHIBITED");
    }

    @Test
    void leftoversOfAKilledRunAreNeverInputsAndStaleOnesAreRemoved() throws IOException {
        byte[] halfPng = java.util.Arrays.copyOf(Samples.bytes("plain.png"), 40);
        // A process id above Linux's largest (2^22) is one no process has; an hour without writes makes it stale.
        Path stale = Samples.write(site.resolve("img/.plain.png.9999999999.42.imageguard-tmp"), halfPng);
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofHours(1))));
        // Fresh, or written by a process that still runs (pid 1): perhaps another run at work, so left alone.
        Path fresh = Samples.write(site.resolve("img/.plain.png.9999999999.43.imageguard-tmp"), halfPng);
        Path live = Samples.write(site.resolve(".gps.jpg.1.44.imageguard-tmp"), halfPng);
        Files.setLastModifiedTime(live, Files.getLastModifiedTime(stale));
        Path oldStyle = Samples.write(site.resolve(".gps.jpg12345.imageguard-tmp"), halfPng);

        assertThat(run("rewrite", "--in-place", site.resolve("img/plain.png").toString(), site.toString()))
                .isEqualTo(1); // broken.jpg fails, as before; no leftover is read

        assertThat(out.toString()).startsWith("files 4, rewritten 2,").doesNotContain("imageguard-tmp");
        assertThat(err.toString()).contains("removed 1 temporary file(s) left by an interrupted run, e.g. " + stale)
                .doesNotContain(": PNG at offset");
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(live).exists();
        assertThat(oldStyle).exists();
    }

    @Test
    void aLeftoverNamedAsAnArgumentIsRefused() throws IOException {
        Path leftover = Samples.write(site.resolve(".gps.jpg.1.44.imageguard-tmp"), Samples.CORRUPT_JPEG);

        assertThat(run("rewrite", "--in-place", leftover.toString())).isEqualTo(1);

        assertThat(err.toString()).isEqualTo(leftover + ": a temporary file of an interrupted rewrite, never an "
                + "input\n");
        assertThat(Files.readAllBytes(leftover)).isEqualTo(Samples.CORRUPT_JPEG);
    }

    @Test
    void aCorruptFileIsReportedWithItsReasonAndLeftUntouched() throws IOException {
        assertThat(run("rewrite", "--in-place", site.toString())).isEqualTo(1);

        assertThat(err.toString()).startsWith(site.resolve("img/broken.jpg") + ": JPEG at offset ")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(Files.readAllBytes(site.resolve("img/broken.jpg"))).isEqualTo(Samples.CORRUPT_JPEG);
    }

    /** The pixel fixture: a quality-95 photo with an ICC profile, GPS, a serial number and an owner name. */
    @Test
    void webpCopiesGoBesideTheResultsProtectedAndSmaller() throws IOException {
        Path photos = dir.resolve("photos");
        Samples.write(photos.resolve("album/photo.jpg"),
                org.imageguard.testing.Fixtures.bytes(RewriteCommandTest.class, "/pixels/photo.jpg"));
        Path output = dir.resolve("out");
        assertThat(run("rewrite", "--webp", "-o", output.toString(), photos.toString())).isEqualTo(0);

        assertThat(files(output)).containsExactly("album/photo.jpg", "album/photo.webp");
        assertThat(out.toString().lines().findFirst().orElseThrow()).matches("files 1, rewritten 1, .*, WebP copies 1 "
                + "\\(\\d+ bytes\\)");
        Path webp = output.resolve("album/photo.webp");
        assertThat(Files.size(webp)).isLessThan(Files.size(output.resolve("album/photo.jpg")));
        ExternalTool.runOk(List.of("dwebp", webp.toString(), "-o", dir.resolve("decoded.png").toString()),
                new byte[0]);
        byte[] bytes = Files.readAllBytes(webp);
        assertThat(Images.exiftoolDataMining(bytes)).isEqualTo(PROHIBITED);
        String tags = Images.exiftool(bytes, "-s", "-GPS:all", "-SerialNumber", "-OwnerName", "-ProfileDescription")
                .requireSuccess().out();
        assertThat(tags).doesNotContain("GPS", "SerialNumber", "OwnerName")
                .contains("ProfileDescription              : Artifex Software sRGB ICC Profile");

        // Without --webp, none.
        Path plain = dir.resolve("plain");
        run("rewrite", "-o", plain.toString(), photos.toString());
        assertThat(files(plain)).containsExactly("album/photo.jpg");
    }

    /** With a resize and lossy re-encoding, the JPEG and its WebP copy are made from one decode of the photo. */
    @Test
    void aWebpCopyAndTheRewrittenFileComeFromOneDecode() throws IOException {
        Path photos = dir.resolve("photos");
        Samples.write(photos.resolve("photo.jpg"),
                org.imageguard.testing.Fixtures.bytes(RewriteCommandTest.class, "/pixels/photo.jpg"));
        Path config = Samples.write(dir.resolve("lossy.yaml"),
                "optimize: {mode: lossy, jpeg-quality: 82, max-width: 200}\n".getBytes(StandardCharsets.UTF_8));
        Path output = dir.resolve("out");

        long before = PixelStage.decodes();
        assertThat(run("rewrite", "--config", config.toString(), "--webp", "-o", output.toString(),
                photos.toString())).isEqualTo(0);

        assertThat(PixelStage.decodes() - before).as("decodes for one file and its WebP copy").isEqualTo(1);
        assertThat(files(output)).containsExactly("photo.jpg", "photo.webp");
        for (String name : List.of("photo.jpg", "photo.webp")) {
            byte[] bytes = Files.readAllBytes(output.resolve(name));
            assertThat(new String(ExternalTool.runOk(List.of("identify", "-format", "%wx%h", "-"), bytes)))
                    .as(name).isEqualTo("200x320");
            assertThat(Images.exiftoolDataMining(bytes)).as(name).isEqualTo(PROHIBITED);
            assertThat(Images.exiftool(bytes, "-s", "-GPS:all", "-SerialNumber", "-OwnerName", "-ProfileDescription")
                    .requireSuccess().out()).as(name).doesNotContain("GPS", "SerialNumber", "OwnerName")
                    .contains("ProfileDescription              : Artifex Software sRGB ICC Profile");
        }
    }

    @Test
    void outputCarriesDataMiningAndNoGpsForExiftool() throws IOException {
        Path output = dir.resolve("out");
        run("rewrite", "-o", output.toString(), site.toString());

        byte[] jpeg = Files.readAllBytes(output.resolve("gps.jpg"));
        assertThat(Images.exiftoolDataMining(jpeg)).isEqualTo(PROHIBITED);
        assertThat(Images.exiftoolDataMining(Files.readAllBytes(output.resolve("img/plain.png"))))
                .isEqualTo(PROHIBITED);
        String privacy = ExternalTool.run(List.of("exiftool", "-s", "-GPS:all", "-SerialNumber", "-OwnerName", "-"),
                jpeg).out();
        assertThat(privacy).isEmpty();
        // The input tree is not modified by -o.
        assertThat(Files.readAllBytes(site.resolve("gps.jpg"))).isEqualTo(Samples.bytes("gps.jpg"));
    }

    @Test
    void inPlaceReplacesFilesKeepingPermissionsAndLeavesNoTemporaryFiles() throws IOException {
        Path jpeg = site.resolve("gps.jpg");
        Files.setPosixFilePermissions(jpeg, PosixFilePermissions.fromString("rw-r-----"));

        assertThat(run("rewrite", "--in-place", site.toString())).isEqualTo(1);

        assertThat(Files.readAllBytes(jpeg)).isNotEqualTo(Samples.bytes("gps.jpg"));
        assertThat(Images.exiftoolDataMining(Files.readAllBytes(jpeg))).isEqualTo(PROHIBITED);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(jpeg))).isEqualTo("rw-r-----");
        assertThat(files(site)).containsExactly("gps.jpg", "img/broken.jpg", "img/plain.png", "notes.txt");
        assertThat(Files.readString(site.resolve("notes.txt"))).isEqualTo("not a picture\n");
    }

    @Test
    void perPathOverridesMatchThePathRelativeToTheArgument() throws IOException {
        Path config = Samples.write(dir.resolve("site.yaml"), ("paths:\n  - match: /img/**\n    protection:\n"
                + "      data-mining: DMI-PROHIBITED-AIMLTRAINING\n").getBytes(StandardCharsets.UTF_8));
        Path output = dir.resolve("out");

        run("rewrite", "--config", config.toString(), "-o", output.toString(), site.toString());

        assertThat(Images.exiftoolDataMining(Files.readAllBytes(output.resolve("gps.jpg")))).isEqualTo(PROHIBITED);
        assertThat(Images.exiftoolDataMining(Files.readAllBytes(output.resolve("img/plain.png"))))
                .isEqualTo("http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTRAINING");
    }

    @Test
    void aFileArgumentGoesToTheTopOfTheOutputTree() throws IOException {
        Path output = dir.resolve("out");
        assertThat(run("rewrite", "-o", output.toString(), site.resolve("img/plain.png").toString())).isZero();
        assertThat(files(output)).containsExactly("plain.png");
        assertThat(out.toString()).startsWith("files 1, rewritten 1, unchanged 0, skipped 0 (not images), failed 0");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void twoInputsForTheSameOutputFileFailTheSecond() throws IOException {
        Path other = Samples.copy("plain.png", dir.resolve("other/gps.jpg"));
        Path output = dir.resolve("out");

        assertThat(run("rewrite", "-o", output.toString(), site.resolve("gps.jpg").toString(), other.toString()))
                .isEqualTo(1);

        assertThat(err.toString()).isEqualTo(other + ": same output file as " + site.resolve("gps.jpg") + " ("
                + output.resolve("gps.jpg") + "); skipped\n");
        assertThat(Images.exiftoolDataMining(Files.readAllBytes(output.resolve("gps.jpg")))).isEqualTo(PROHIBITED);
        assertThat(ImageFormat.sniff(Files.readAllBytes(output.resolve("gps.jpg")))).isEqualTo(ImageFormat.JPEG);
    }

    @Test
    void aFileNamedTwiceIsRewrittenOnce() {
        run("rewrite", "--in-place", site.toString(), site.resolve("gps.jpg").toString());
        assertThat(out.toString()).startsWith("files 4, rewritten 2,");
    }

    @Test
    void imagesTheEngineCannotRewriteAreCopiedUnchanged() throws IOException {
        Path codestream = site.resolve("photo.jxl");
        Files.write(codestream, CODESTREAM);
        Path output = dir.resolve("out");

        run("rewrite", "-o", output.toString(), codestream.toString());

        assertThat(out.toString()).startsWith("files 1, rewritten 0, unchanged 1,").contains("bytes 12 → 12 (0.0%)");
        assertThat(Files.readAllBytes(output.resolve("photo.jxl"))).isEqualTo(Files.readAllBytes(codestream));
    }

    @Test
    void theOutputTreeInsideTheInputIsNotRewrittenAgain() throws IOException {
        Path output = site.resolve("protected");
        run("rewrite", "-o", output.toString(), site.toString());
        out.getBuffer().setLength(0);

        run("rewrite", "-o", output.toString(), site.toString());

        assertThat(out.toString()).startsWith("files 4,");
    }

    @Test
    void aMissingPathIsAUsageErrorAndNothingIsWritten() {
        Path output = dir.resolve("out");
        Path missing = dir.resolve("nope");
        assertThat(run("rewrite", "-o", output.toString(), site.toString(), missing.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(missing + ": no such file or directory\n");
        assertThat(output).doesNotExist();
    }

    @Test
    void withoutAPathTheUsageSaysWhatIsMissing() {
        assertThat(run("rewrite", "--in-place")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'PATH'");
    }

    @Test
    void anOutputThatIsAFileIsAUsageError() {
        Path file = site.resolve("notes.txt");
        assertThat(run("rewrite", "-o", file.toString(), site.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(file + ": the output (-o) must be a directory\n");
    }

    @Test
    void aBadConfigurationIsAUsageError() throws IOException {
        Path config = Samples.write(dir.resolve("bad.yaml"), "protection:\n  strip: most\n".getBytes(StandardCharsets.UTF_8));
        assertThat(run("rewrite", "--config", config.toString(), "--in-place", site.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith(config + ":2:10: protection.strip: ");
        assertThat(Files.readAllBytes(site.resolve("gps.jpg"))).isEqualTo(Samples.bytes("gps.jpg"));
    }

    /** Regular files under {@code root}, relative, with forward slashes, sorted. */
    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }
}
