package org.imageguard.testing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.imageguard.engine.ImageFormat;

/**
 * Independent decoders and checkers (ImageMagick, jpeginfo, pngcheck, webpinfo, gifsicle), all fed over stdin.
 *
 * <pre>{@code
 * assertThat(ImageTools.rgba(ImageFormat.PNG, output)).isEqualTo(ImageTools.rgba(ImageFormat.PNG, input));
 * ImageTools.check(ImageFormat.PNG, output).ifPresent(r -> assertThat(r.exitCode()).as(r.describe()).isZero());
 * }</pre>
 */
public final class ImageTools {

    /** jpeginfo cannot convert CMYK/YCCK to RGB and reports that as an error although the file is fine. */
    private static final String JPEGINFO_CMYK_LIMIT = "Unsupported color conversion request";

    private ImageTools() {
    }

    /** Every frame's pixels as 16-bit RGBA, as a viewer shows them: {@link Images#displayedRgba}. */
    public static byte[] rgba(ImageFormat format, byte[] image) {
        return Images.displayedRgba(reader(format), image);
    }

    /** SHA-256 (hex) of {@link #rgba}: equal digests, same picture; short enough for an assertion message. */
    public static String pixelDigest(ImageFormat format, byte[] image) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rgba(format, image)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The number of frames ImageMagick sees ({@code identify -format %n}). */
    public static int frames(ImageFormat format, byte[] image) {
        String out = ExternalTool.run(List.of("identify", "-format", "%n\\n", reader(format)), image)
                .requireSuccess().out();
        return Integer.parseInt(out.lines().findFirst().orElseThrow().trim());
    }

    /** ImageMagick's channel description of the first frame, e.g. {@code srgb}, {@code srgba}, {@code cmyk}. */
    public static String channels(ImageFormat format, byte[] image) {
        return ExternalTool.run(List.of("identify", "-format", "%[channels]\\n", reader(format) + "[0]"), image)
                .requireSuccess().out().trim();
    }

    /**
     * Runs the format's own validator: {@code jpeginfo -c} (falling back to a full {@code jpegtran} decode for CMYK,
     * which jpeginfo cannot convert), {@code pngcheck}, {@code webpinfo}, {@code gifsicle --info}. Empty for SVG.
     * A zero exit code means valid.
     */
    public static Optional<ExternalTool.Result> check(ImageFormat format, byte[] image) {
        return switch (format) {
            case JPEG -> Optional.of(checkJpeg(image));
            case PNG -> Optional.of(runOnStdin(image, "pngcheck", "-q", "-"));
            case WEBP -> Optional.of(runOnStdin(image, "webpinfo", "-quiet", "-"));
            case GIF -> Optional.of(runOnStdin(image, "gifsicle", "--info"));
            default -> Optional.empty();
        };
    }

    private static ExternalTool.Result checkJpeg(byte[] image) {
        ExternalTool.Result jpeginfo = runOnStdin(image, "jpeginfo", "-c", "-");
        if (jpeginfo.exitCode() == 0 || !jpeginfo.out().contains(JPEGINFO_CMYK_LIMIT)) {
            return jpeginfo;
        }
        ExternalTool.Result jpegtran = runOnStdin(image, "jpegtran", "-copy", "none");
        // libjpeg reports corrupt entropy data as a warning on stderr with exit code 0 or 2.
        int exitCode = jpegtran.exitCode() == 0 && jpegtran.stderr().isEmpty() ? 0 : 1;
        return new ExternalTool.Result(jpegtran.command(), exitCode, new byte[0], jpegtran.stderr());
    }

    private static ExternalTool.Result runOnStdin(byte[] image, String tool, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(tool);
        command.addAll(List.of(arguments));
        return ExternalTool.run(command, image);
    }

    /**
     * ImageMagick's explicit reader for stdin: SVG in particular is not recognised by its first bytes. Its coder is
     * required, since SVG's comes in an optional Debian package.
     */
    private static String reader(ImageFormat format) {
        String reader = switch (format) {
            case JPEG -> "jpeg:-";
            case PNG -> "png:-";
            case GIF -> "gif:-";
            case WEBP -> "webp:-";
            case SVG -> "svg:-";
            default -> "-";
        };
        if (reader.endsWith(":-")) {
            ExternalTool.requireCoder(reader.substring(0, reader.length() - 2));
        }
        return reader;
    }
}
