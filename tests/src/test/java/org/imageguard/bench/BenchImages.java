package org.imageguard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark inputs: realistic camera-like files made by ImageMagick and exiftool, generated once into a directory
 * and reused by every JMH fork and by the exiftool comparison ({@code tests/bench/run-exiftool.sh}).
 *
 * <pre>{@code
 * byte[] jpeg = BenchImages.load("jpeg-12mp");          // generates the set on first use
 * // or from a shell:  java -cp <test classpath> org.imageguard.bench.BenchImages /tmp/imageguard-bench-images
 * }</pre>
 *
 * <p>Every photo-like image is plasma with a little noise, so it compresses like a photograph (about 3.5 MB for the
 * 12 MP JPEG at quality 90), and carries what a camera and a photo editor leave behind: EXIF with GPS, serial
 * numbers, owner, a 32 KB opaque vendor block standing in for a maker note, a thumbnail, an ICC profile, IPTC and XMP.
 * ImageMagick and exiftool are required: without them the benchmark fails with a message saying which is missing.
 */
public final class BenchImages {

    /** Overrides the directory; by default {@code ${java.io.tmpdir}/imageguard-bench-images}. */
    public static final String DIR_PROPERTY = "imageguard.bench.images";

    /**
     * Benchmark names. The two {@code jpeg-1mp-*} variants are the 1 MP JPEG without its XMP and without any metadata:
     * comparing the three splits the per-image cost between XMP merging, EXIF cleaning and the container work.
     */
    public static final List<String> NAMES =
            List.of("jpeg-12mp", "jpeg-1mp", "png", "webp", "gif", "jpeg-1mp-noxmp", "jpeg-1mp-bare");

    /** exiftool has no writable tag for an unknown maker note, so a user-defined ExifIFD tag plays its part. */
    private static final String EXIFTOOL_CONFIG = """
            %Image::ExifTool::UserDefined = (
                'Image::ExifTool::Exif::Main' => {
                    0xc7a5 => { Name => 'VendorPrivateData', Writable => 'undef', WriteGroup => 'ExifIFD', Binary => 1 },
                },
            );
            1;
            """;

    private static final String SRGB_ICC = "/usr/share/color/icc/ghostscript/srgb.icc";
    private static final long TOOL_TIMEOUT_SECONDS = 300;

    private BenchImages() {
    }

    public static void main(String[] args) {
        Path dir = args.length > 0 ? Path.of(args[0]) : defaultDir();
        ensure(dir);
        for (String name : NAMES) {
            Path file = dir.resolve(fileName(name));
            System.out.println(file + "\t" + size(file));
        }
    }

    /**
     * The bytes of one input, generating the whole set first if needed. A name with a {@code /} is a file's path
     * instead, read as it is: {@code -p image=/path/to/photo.jpg} benchmarks a real file.
     */
    public static byte[] load(String name) {
        if (name.contains("/")) {
            try {
                return Files.readAllBytes(Path.of(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path dir = defaultDir();
        ensure(dir);
        try {
            return Files.readAllBytes(dir.resolve(fileName(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path defaultDir() {
        String configured = System.getProperty(DIR_PROPERTY);
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "imageguard-bench-images");
    }

    public static String fileName(String name) {
        return switch (name) {
            case "jpeg-12mp" -> "photo-12mp.jpg";
            case "jpeg-1mp" -> "photo-1mp.jpg";
            case "png" -> "photo-1mp.png";
            case "webp" -> "photo-2mp.webp";
            case "gif" -> "animated.gif";
            case "jpeg-1mp-noxmp" -> "photo-1mp-noxmp.jpg";
            case "jpeg-1mp-bare" -> "photo-1mp-bare.jpg";
            default -> throw new IllegalArgumentException("unknown bench image " + name + ", expected one of " + NAMES);
        };
    }

    /** Generates the missing files; each appears atomically, so a killed run never leaves a half-written input. */
    public static synchronized void ensure(Path dir) {
        if (NAMES.stream().allMatch(name -> Files.exists(dir.resolve(fileName(name))))) {
            return;
        }
        try {
            Files.createDirectories(dir);
            requireTools();
            Path work = Files.createTempDirectory(dir, ".work-");
            Path config = Files.writeString(work.resolve("exiftool.config"), EXIFTOOL_CONFIG);
            Path blob = vendorBlob(work);
            for (String name : NAMES) {
                Path target = dir.resolve(fileName(name));
                if (!Files.exists(target)) {
                    Path made = make(name, work, config, blob);
                    Files.move(made, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            deleteTree(work);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate the benchmark images in " + dir, e);
        }
    }

    /** Makes one input in {@code work}; the variants copy an input already moved into place next to it. */
    private static Path make(String name, Path work, Path config, Path blob) throws IOException {
        Path out = work.resolve(fileName(name));
        switch (name) {
            case "jpeg-12mp" -> {
                photo(4000, 3000, out, "-quality", "90", "-sampling-factor", "2x2");
                tagPhoto(out, work, config, blob);
            }
            case "jpeg-1mp" -> {
                photo(1152, 864, out, "-quality", "90", "-sampling-factor", "2x2");
                tagPhoto(out, work, config, blob);
            }
            case "png" -> {
                photo(1152, 864, out, "-depth", "8");
                exiftool(config, out, "-Make=Canon", "-Model=Canon EOS R5", "-SerialNumber=012345678901",
                        "-GPSLatitude=48.8583", "-GPSLatitudeRef=N", "-GPSLongitude=2.2945", "-GPSLongitudeRef=E",
                        "-Artist=Jane Doe", "-XMP-dc:Creator=Jane Doe", "-XMP-dc:Description=A bench image",
                        "-PNG:Comment=made for the ImageGuard benchmark", "-PNG:Software=ImageMagick");
            }
            case "webp" -> {
                photo(1600, 1200, out, "-quality", "80");
                exiftool(config, out, "-Make=Canon", "-Model=Canon EOS R5", "-SerialNumber=012345678901",
                        "-GPSLatitude=48.8583", "-GPSLatitudeRef=N", "-GPSLongitude=2.2945", "-GPSLongitudeRef=E",
                        "-Artist=Jane Doe", "-XMP-dc:Creator=Jane Doe", "-XMP-dc:Description=A bench image",
                        "-ICC_Profile<=" + SRGB_ICC);
            }
            case "gif" -> {
                animation(480, 360, 12, out);
                exiftool(config, out, "-XMP-dc:Creator=Jane Doe", "-XMP-dc:Description=A bench animation",
                        "-Comment=made for the ImageGuard benchmark");
            }
            case "jpeg-1mp-noxmp" -> {
                Files.copy(work.resolveSibling(fileName("jpeg-1mp")), out);
                exiftool(config, out, "-XMP:all=");
            }
            case "jpeg-1mp-bare" -> {
                Files.copy(work.resolveSibling(fileName("jpeg-1mp")), out);
                exiftool(config, out, "-all=");
            }
            default -> throw new IllegalArgumentException(name);
        }
        return out;
    }

    /** Plasma blurred a little plus mild noise: compresses like a photograph, not like flat colour or pure noise. */
    private static void photo(int width, int height, Path out, String... encoderOptions) {
        List<String> cmd = new ArrayList<>(List.of("convert", "-seed", "42", "-size", width + "x" + height,
                "plasma:fractal", "-blur", "0x1", "-attenuate", "0.4", "+noise", "Gaussian"));
        cmd.addAll(List.of(encoderOptions));
        cmd.add(out.toString());
        run(cmd);
    }

    private static void animation(int width, int height, int frames, Path out) {
        List<String> cmd = new ArrayList<>(List.of("convert", "-seed", "7", "-delay", "8", "-loop", "0",
                "-size", width + "x" + height));
        for (int i = 0; i < frames; i++) {
            cmd.add("plasma:fractal");
        }
        cmd.addAll(List.of("-layers", "Optimize", out.toString()));
        run(cmd);
    }

    /** Everything a camera and a photo editor leave in a JPEG. */
    private static void tagPhoto(Path jpeg, Path work, Path config, Path blob) {
        Path thumb = work.resolve("thumb-" + jpeg.getFileName());
        run(List.of("convert", jpeg.toString(), "-thumbnail", "160x120", "-quality", "80", thumb.toString()));
        exiftool(config, jpeg, "-VendorPrivateData<=" + blob, "-ThumbnailImage<=" + thumb,
                "-Make=Canon", "-Model=Canon EOS R5", "-Orientation#=1",
                "-SerialNumber=012345678901", "-BodySerialNumber=012345678901", "-LensSerialNumber=9876543",
                "-OwnerName=Jane Doe", "-Artist=Jane Doe", "-Copyright=(c) 2026 Jane Doe",
                "-GPSLatitude=48.8583", "-GPSLatitudeRef=N", "-GPSLongitude=2.2945", "-GPSLongitudeRef=E",
                "-GPSAltitude=35", "-GPSDateStamp=2026:01:02", "-GPSTimeStamp=10:11:12",
                "-DateTimeOriginal=2026:01:02 10:11:12", "-ExposureTime=1/250", "-FNumber=4", "-ISO=200",
                "-FocalLength=50", "-UserComment=" + "x".repeat(2000),
                "-XMP-dc:Creator=Jane Doe", "-XMP-dc:Description=A bench image", "-XMP-dc:Subject=bench",
                "-XMP-dc:Subject=paris", "-XMP-photoshop:City=Paris", "-XMP-xmpRights:UsageTerms=All rights reserved",
                "-XMP-iptcCore:CreatorWorkEmail=jane@example.com", "-XMP-exif:GPSLatitude=48.8583",
                "-XMP-exif:GPSLongitude=2.2945", "-IPTC:By-line=Jane Doe", "-IPTC:City=Paris",
                "-ICC_Profile<=" + SRGB_ICC);
    }

    private static void exiftool(Path config, Path file, String... assignments) {
        List<String> cmd = new ArrayList<>(List.of("exiftool", "-config", config.toString(), "-q", "-q",
                "-overwrite_original"));
        cmd.addAll(List.of(assignments));
        cmd.add(file.toString());
        run(cmd);
    }

    private static Path vendorBlob(Path work) throws IOException {
        byte[] blob = new byte[32 * 1024];
        new Random(42).nextBytes(blob);
        return Files.write(work.resolve("vendor.bin"), blob);
    }

    private static void requireTools() {
        for (List<String> probe : List.of(List.of("convert", "-version"), List.of("exiftool", "-ver"))) {
            try {
                run(probe);
            } catch (IllegalStateException e) {
                throw new IllegalStateException("the benchmark inputs are generated with ImageMagick (convert) and "
                        + "exiftool, and `" + String.join(" ", probe) + "` failed: install imagemagick and "
                        + "libimage-exiftool-perl, or point -D" + DIR_PROPERTY + " at a directory holding "
                        + NAMES.stream().map(BenchImages::fileName).toList(), e);
            }
        }
    }

    private static void run(List<String> cmd) {
        try {
            Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", cmd));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("exit " + process.exitValue() + " from " + String.join(" ", cmd)
                        + ": " + new String(output, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", cmd), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
