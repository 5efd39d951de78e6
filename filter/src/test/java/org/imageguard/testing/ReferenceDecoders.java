package org.imageguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.imageguard.engine.ImageFormat;

/**
 * Pixels as each format's own reference decoder sees them: avifdec for AVIF, heif-convert for HEIF, djxl for JPEG
 * XL (each to PNG, then read by ImageMagick), ImageMagick directly for TIFF. These tools only read files, so the
 * image goes through a temporary file.
 *
 * <pre>{@code
 * assertThat(ReferenceDecoders.rgba(ImageFormat.AVIF, output)).isEqualTo(ReferenceDecoders.rgba(ImageFormat.AVIF, input));
 * }</pre>
 */
public final class ReferenceDecoders {

    private ReferenceDecoders() {
    }

    /** Every image's pixels as 16-bit RGBA; fails the test when the decoder refuses the image. */
    public static byte[] rgba(ImageFormat format, byte[] image, String... options) {
        Attempt attempt = attempt(format, image, options);
        assertThat(attempt.decoded()).as(attempt.diagnostics()).isTrue();
        return attempt.rgba();
    }

    /**
     * What the decoder makes of the image, refusals included: real-world files that a strict decoder rejects must be
     * rejected the same way after rewriting. {@code options} go to the decoder (e.g. avifdec's {@code --no-strict}).
     */
    public static Attempt attempt(ImageFormat format, byte[] image, String... options) {
        String decoder = switch (format) {
            case AVIF -> "avifdec";
            case HEIF -> "heif-convert";
            case JXL, JXL_CODESTREAM -> "djxl";
            default -> null;
        };
        if (decoder == null) {
            return new Attempt(Images.rgba(format.name().toLowerCase(Locale.ROOT), image), "");
        }
        Path in = ExternalTool.tempFile(image, "." + format.name().toLowerCase(Locale.ROOT));
        String stem = in.getFileName().toString();
        Path png = in.resolveSibling(stem + ".png");
        try {
            List<String> command = new ArrayList<>(List.of(decoder));
            command.addAll(List.of(options));
            command.addAll(List.of(in.toString(), png.toString()));
            ExternalTool.Result result = ExternalTool.run(command, null);
            // heif-convert writes one PNG per top-level image (name-1.png, name-2.png...) when there are several.
            List<Path> written = pngsWritten(in.getParent(), stem);
            if (result.exitCode() != 0 || written.isEmpty()) {
                written.forEach(ReferenceDecoders::delete);
                return new Attempt(null, result.describe().replace(stem, "IMAGE"));
            }
            ByteArrayOutputStream pixels = new ByteArrayOutputStream();
            for (Path file : written) {
                pixels.writeBytes(Images.rgba("png", Files.readAllBytes(file)));
                delete(file);
            }
            return new Attempt(pixels.toByteArray(), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(in);
        }
    }

    /** Decoded pixels, or null and the decoder's complaint (the temporary file's name replaced by IMAGE). */
    public record Attempt(byte[] rgba, String diagnostics) {

        public boolean decoded() {
            return rgba != null;
        }
    }

    private static List<Path> pngsWritten(Path directory, String stem) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith(stem) && name.endsWith(".png");
            }).sorted().toList();
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // deleteOnExit catches what is left.
        }
    }
}
