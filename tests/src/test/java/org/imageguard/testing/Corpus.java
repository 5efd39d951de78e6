package org.imageguard.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.imageguard.engine.ImageFormat;

/**
 * The interoperability corpus: small images in every rewritable format, generated once per JVM by
 * {@code src/test/fixtures/make-corpus.sh} into {@code target/corpus} (no binary is committed), each listed with
 * what it carries so tests know what a rewrite must strip or keep.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @MethodSource("org.imageguard.testing.Corpus#entries")
 * void rewrites(Corpus.Entry entry) {
 *     byte[] input = Corpus.bytes(entry); // generates the corpus on first use, or skips without the tools
 * }
 * }</pre>
 *
 * Listing the entries needs no tool; reading one generates the corpus, skipping (or failing under
 * {@code IMAGEGUARD_REQUIRE_TOOLS=1}) when ImageMagick, exiftool, the webp tools or gifsicle are missing.
 */
public final class Corpus {

    /** What an image carries; {@code CorpusIT} checks each claim against the tools. */
    public enum Trait {
        /** EXIF GPS IFD. */
        GPS,
        /** {@code exif:GPS*} properties in XMP. */
        XMP_GPS,
        /** EXIF {@code SerialNumber} and {@code OwnerName}. */
        CAMERA_SERIAL_AND_OWNER,
        /** EXIF Orientation 6 (rotate 90° clockwise to display). */
        ORIENTATION_6,
        /** An embedded EXIF thumbnail (IFD1). */
        THUMBNAIL,
        /** IPTC-IIM City in JPEG APP13. */
        IPTC_CITY,
        /** Extended XMP: the packet continues in further APP1 segments ({@code xmpNote:HasExtendedXMP}). */
        EXTENDED_XMP,
        /** XMP {@code dc:creator}. */
        XMP_CREATOR,
        /** PNG {@code tEXt Author}. */
        PNG_TEXT_AUTHOR,
        /** ImageMagick 6's copy of the EXIF as PNG {@code exif:*} text chunks (GPS and serial in plain text). */
        PNG_TEXT_EXIF,
        /** An ICC profile. */
        ICC,
        /** JPEG APP14 Adobe segment (CMYK colour transform). */
        ADOBE_APP14,
        /** Progressive JPEG. */
        PROGRESSIVE,
        /** An alpha channel. */
        ALPHA,
        /** PNG colour type 3. */
        PALETTE,
        /** PNG bit depth 16. */
        SIXTEEN_BIT,
        /** GIF comment extension. */
        GIF_COMMENT,
        /** GIF87a signature. */
        GIF87A,
        /** WebP lossless (VP8L) bitstream. */
        LOSSLESS
    }

    /** One corpus file and what it carries. */
    public record Entry(String name, ImageFormat format, int frames, Set<Trait> traits) {

        public Entry {
            traits = Set.copyOf(traits);
        }

        public boolean has(Trait trait) {
            return traits.contains(trait);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Entry> ENTRIES = List.of(
            entry("jpeg-camera.jpg", ImageFormat.JPEG, 1, Trait.GPS, Trait.CAMERA_SERIAL_AND_OWNER,
                    Trait.ORIENTATION_6, Trait.THUMBNAIL, Trait.IPTC_CITY),
            entry("jpeg-progressive.jpg", ImageFormat.JPEG, 1, Trait.PROGRESSIVE),
            entry("jpeg-cmyk.jpg", ImageFormat.JPEG, 1, Trait.ADOBE_APP14),
            entry("jpeg-icc.jpg", ImageFormat.JPEG, 1, Trait.ICC),
            entry("jpeg-xmp-gps.jpg", ImageFormat.JPEG, 1, Trait.XMP_GPS, Trait.XMP_CREATOR),
            entry("jpeg-extended-xmp.jpg", ImageFormat.JPEG, 1, Trait.XMP_GPS, Trait.XMP_CREATOR,
                    Trait.EXTENDED_XMP),
            entry("png-rgb-exif.png", ImageFormat.PNG, 1, Trait.GPS, Trait.CAMERA_SERIAL_AND_OWNER,
                    Trait.PNG_TEXT_AUTHOR),
            entry("png-16bit.png", ImageFormat.PNG, 1, Trait.SIXTEEN_BIT),
            entry("png-palette.png", ImageFormat.PNG, 1, Trait.PALETTE),
            entry("png-alpha.png", ImageFormat.PNG, 1, Trait.ALPHA),
            entry("png-icc.png", ImageFormat.PNG, 1, Trait.ICC),
            entry("png-imagemagick-exif.png", ImageFormat.PNG, 1, Trait.GPS, Trait.CAMERA_SERIAL_AND_OWNER,
                    Trait.ORIENTATION_6, Trait.THUMBNAIL, Trait.IPTC_CITY, Trait.PNG_TEXT_EXIF),
            entry("gif-animated.gif", ImageFormat.GIF, 3, Trait.GIF_COMMENT),
            entry("gif-87a.gif", ImageFormat.GIF, 1, Trait.GIF87A),
            entry("gif-xmp-gps.gif", ImageFormat.GIF, 1, Trait.XMP_GPS, Trait.XMP_CREATOR),
            entry("webp-lossy.webp", ImageFormat.WEBP, 1),
            entry("webp-lossless.webp", ImageFormat.WEBP, 1, Trait.LOSSLESS),
            entry("webp-alpha.webp", ImageFormat.WEBP, 1, Trait.ALPHA),
            entry("webp-animated.webp", ImageFormat.WEBP, 3),
            entry("webp-exif.webp", ImageFormat.WEBP, 1, Trait.GPS, Trait.CAMERA_SERIAL_AND_OWNER),
            entry("webp-icc.webp", ImageFormat.WEBP, 1, Trait.ICC),
            entry("webp-xmp-orientation.webp", ImageFormat.WEBP, 1, Trait.XMP_GPS, Trait.XMP_CREATOR,
                    Trait.ORIENTATION_6),
            entry("svg-basic.svg", ImageFormat.SVG, 1));

    private static final Path SCRIPT = moduleDirectory().resolve("src/test/fixtures/make-corpus.sh");
    private static final Path DIRECTORY = moduleDirectory().resolve("target/corpus");
    private static final Duration GENERATION_TIMEOUT = Duration.ofMinutes(2);

    /** Set once generation has run: the directory, or why the script failed. */
    private static Path generated;
    private static String generationFailure;

    private Corpus() {
    }

    private static Entry entry(String name, ImageFormat format, int frames, Trait... traits) {
        return new Entry(name, format, frames, traits.length == 0 ? Set.of() : EnumSet.of(traits[0], traits));
    }

    /** Every corpus file; needs no tool. A {@code @MethodSource} for parameterised tests. */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** The corpus directory, generated on first call. */
    public static synchronized Path directory() {
        if (generationFailure != null) {
            return fail(generationFailure);
        }
        if (generated == null) {
            List<String> command = requiredTools();
            generate(command);
            generated = DIRECTORY;
        }
        return generated;
    }

    /** The file of one entry, generating the corpus on first use. */
    public static Path file(Entry entry) {
        return directory().resolve(entry.name());
    }

    /** The bytes of one entry, generating the corpus on first use. */
    public static byte[] bytes(Entry entry) {
        try {
            return Files.readAllBytes(file(entry));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks (skipping or failing) every program the script calls; returns the command that runs it. */
    private static List<String> requiredTools() {
        for (String tool : List.of("convert", "cwebp", "img2webp", "webpmux", "gifsicle")) {
            ExternalTool.require(tool);
        }
        Path exiftool = ExternalTool.require("exiftool");
        return List.of(ExternalTool.require("env").toString(), "EXIFTOOL=" + exiftool,
                ExternalTool.require("bash").toString(),
                SCRIPT.toString(), DIRECTORY.toString());
    }

    private static void generate(List<String> command) {
        deleteRecursively(DIRECTORY);
        ExternalTool.Result result = ExternalTool.run(command, null, GENERATION_TIMEOUT);
        List<String> missing = ENTRIES.stream().map(Entry::name)
                .filter(name -> !Files.isRegularFile(DIRECTORY.resolve(name))).toList();
        if (result.exitCode() != 0 || !missing.isEmpty()) {
            generationFailure = "make-corpus.sh failed (missing " + missing + "): " + result.describe();
            fail(generationFailure);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + directory, e);
        }
    }

    /** Surefire and failsafe run in the module directory and also pass it as {@code basedir}. */
    private static Path moduleDirectory() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }
}
