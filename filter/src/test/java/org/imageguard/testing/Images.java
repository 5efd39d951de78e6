package org.imageguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMetaFactory;

/**
 * ImageMagick-decoded pixels and what exiftool says about an image held in memory.
 *
 * <pre>{@code
 * byte[] png = Fixtures.bytes(PngRewriterTest.class, "meta.png");
 * assertThat(Images.rgba("png", out)).isEqualTo(Images.rgba("png", png));
 * }</pre>
 */
public final class Images {

    private static final String PLUS = "http://ns.useplus.org/ldf/xmp/1.0/";

    private Images() {
    }

    /**
     * Every frame's pixels as 16-bit RGBA, decoded by ImageMagick (GIF frames coalesced, so disposal and offsets
     * count too).
     */
    public static byte[] rgba(String format, byte[] image) {
        return decode(format + ":-", image, "-coalesce");
    }

    /**
     * As {@link #rgba}, each frame also turned upright by its EXIF Orientation ({@code -auto-orient}): what a viewer
     * shows. {@code reader} is ImageMagick's input for stdin, e.g. {@code "jpeg:-"}, or {@code "-"} to guess.
     */
    public static byte[] displayedRgba(String reader, byte[] image) {
        return decode(reader, image, "-coalesce", "-auto-orient");
    }

    private static byte[] decode(String reader, byte[] image, String... operations) {
        int colon = reader.indexOf(':');
        if (colon > 0) {
            ExternalTool.requireCoder(reader.substring(0, colon));
        }
        List<String> command = new ArrayList<>(List.of("convert", reader));
        command.addAll(List.of(operations));
        command.addAll(List.of("-depth", "16", "rgba:-"));
        ExternalTool.Result result = ExternalTool.run(command, image);
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).isNotEmpty();
        return result.stdout();
    }

    /** exiftool's warnings about a file ({@code -validate -warning -a}), one per line, without the file name. */
    public static String exiftoolWarnings(byte[] image) {
        ExternalTool.Result result = ExternalTool.run(List.of("exiftool", "-validate", "-warning", "-a", "-s", "-"),
                image);
        return result.out().replaceAll("(?m)^Validate\\s*:.*$", "").trim();
    }

    /** {@code plus:DataMining} of the XMP packet exiftool extracts, as Adobe's xmpcore parses it (null if absent). */
    public static String exiftoolDataMining(byte[] image) {
        return dataMining(exiftoolBinary(image, "XMP"));
    }

    /**
     * {@code plus:DataMining} of the XMP packet exiftool extracts from a file, as xmpcore parses it (null if absent).
     * The packet, not exiftool's reading of the tag: exiftool 13 shortens the vocabulary URI, 12.57 does not.
     */
    public static String exiftoolDataMining(Path file) {
        return dataMining(exiftool(file, "-b", "-XMP").stdout());
    }

    private static String dataMining(byte[] packet) {
        try {
            return XMPMetaFactory.parseFromBuffer(packet).getPropertyString(PLUS, "DataMining");
        } catch (XMPException e) {
            throw new AssertionError("xmpcore cannot parse the XMP exiftool extracted", e);
        }
    }

    /** The raw XMP packet as exiftool extracts it, or the empty string. */
    public static String exiftoolXmp(byte[] image) {
        return new String(exiftoolBinary(image, "XMP"), StandardCharsets.UTF_8);
    }

    /** {@code exiftool -b -<tag>}: the tag's raw bytes, empty when absent. */
    public static byte[] exiftoolBinary(byte[] image, String tag) {
        return exiftool(image, "-b", "-" + tag).stdout();
    }

    /** {@code exiftool <args> -} on the image; fails the test when exiftool exits non-zero. */
    public static ExternalTool.Result exiftool(byte[] image, String... args) {
        return runExiftool(image, "-", args);
    }

    /** {@code exiftool <args> file}, for inputs whose file name matters (e.g. an {@code .xmp} sidecar). */
    public static ExternalTool.Result exiftool(Path file, String... args) {
        return runExiftool(null, file.toString(), args);
    }

    private static ExternalTool.Result runExiftool(byte[] stdin, String input, String... args) {
        List<String> command = new ArrayList<>();
        command.add("exiftool");
        command.addAll(List.of(args));
        command.add(input);
        ExternalTool.Result result = ExternalTool.run(command, stdin);
        assertThat(result.exitCode()).as("exiftool: " + result.stderr()).isZero();
        return result;
    }
}
