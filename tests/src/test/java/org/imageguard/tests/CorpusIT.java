package org.imageguard.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.imageguard.engine.ImageFormat;
import org.imageguard.testing.Corpus;
import org.imageguard.testing.Corpus.Trait;
import org.imageguard.testing.ExifTool;
import org.imageguard.testing.ImageTools;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus is what the interoperability tests trust, so it is checked first: each file is what its entry says,
 * as seen by exiftool and ImageMagick, and is valid for its format's own checker. A failure here means the generator
 * or a tool changed, not the engine.
 */
class CorpusIT {

    private static final String ENTRIES = "org.imageguard.testing.Corpus#entries";

    /** Expected {@code File:MIMEType} per format. */
    private static final Map<ImageFormat, String> MIME_TYPES = Map.of(ImageFormat.JPEG, "image/jpeg",
            ImageFormat.PNG, "image/png", ImageFormat.GIF, "image/gif", ImageFormat.WEBP, "image/webp",
            ImageFormat.SVG, "image/svg+xml");

    @ParameterizedTest(name = "{0}")
    @MethodSource(ENTRIES)
    void exiftoolSeesTheFormatAndExactlyTheClaimedTraits(Corpus.Entry entry) {
        byte[] image = Corpus.bytes(entry);
        JsonNode tags = ExifTool.require().tags(image);

        assertThat(tags.path("File:MIMEType").asText()).isEqualTo(MIME_TYPES.get(entry.format()));
        assertThat(observedTraits(entry.format(), image, tags)).isEqualTo(entry.traits());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ENTRIES)
    void exiftoolValidatesWithoutWarnings(Corpus.Entry entry) {
        ExifTool.Validation validation = ExifTool.require().validate(Corpus.bytes(entry));

        assertThat(validation.errors()).isEmpty();
        if (entry.has(Trait.PNG_TEXT_EXIF)) {
            // ImageMagick puts its text chunks after IDAT; the rewrite must not add to this one warning.
            assertThat(validation.warnings()).singleElement().asString().contains("after PNG IDAT");
        } else {
            assertThat(validation.warnings()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ENTRIES)
    void formatCheckerAcceptsIt(Corpus.Entry entry) {
        ImageTools.check(entry.format(), Corpus.bytes(entry))
                .ifPresent(result -> assertThat(result.exitCode()).as(result.describe()).isZero());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ENTRIES)
    void imageMagickCountsTheClaimedFrames(Corpus.Entry entry) {
        assertThat(ImageTools.frames(entry.format(), Corpus.bytes(entry))).isEqualTo(entry.frames());
    }

    /** Every trait a reader other than our engine can see in the file. */
    private static Set<Trait> observedTraits(ImageFormat format, byte[] image, JsonNode tags) {
        Set<Trait> seen = EnumSet.noneOf(Trait.class);
        addIf(seen, Trait.GPS, anyKey(tags, key -> key.startsWith("GPS:")));
        addIf(seen, Trait.XMP_GPS, anyKey(tags, key -> key.startsWith("XMP-exif:GPS")));
        addIf(seen, Trait.CAMERA_SERIAL_AND_OWNER,
                tags.has("ExifIFD:SerialNumber") && tags.has("ExifIFD:OwnerName"));
        addIf(seen, Trait.ORIENTATION_6, tags.path("IFD0:Orientation").asInt() == 6);
        addIf(seen, Trait.THUMBNAIL, tags.has("IFD1:ThumbnailImage"));
        addIf(seen, Trait.IPTC_CITY, tags.has("IPTC:City"));
        addIf(seen, Trait.EXTENDED_XMP, tags.has("XMP-xmpNote:HasExtendedXMP"));
        addIf(seen, Trait.XMP_CREATOR, tags.has("XMP-dc:Creator"));
        addIf(seen, Trait.PNG_TEXT_AUTHOR, tags.has("PNG:Author"));
        addIf(seen, Trait.PNG_TEXT_EXIF, anyKey(tags, key -> key.startsWith("PNG:ExifGPS")));
        addIf(seen, Trait.ICC, anyKey(tags, key -> key.startsWith("ICC-header:")));
        addIf(seen, Trait.ADOBE_APP14, tags.has("Adobe:ColorTransform"));
        addIf(seen, Trait.PROGRESSIVE, tags.path("File:EncodingProcess").asInt() == 2);
        // An SVG renders onto a transparent canvas: alpha is a property of raster files only.
        addIf(seen, Trait.ALPHA, format != ImageFormat.SVG && ImageTools.channels(format, image).endsWith("a"));
        addIf(seen, Trait.PALETTE, tags.path("PNG:ColorType").asInt() == 3);
        addIf(seen, Trait.SIXTEEN_BIT, tags.path("PNG:BitDepth").asInt() == 16);
        addIf(seen, Trait.GIF_COMMENT, format == ImageFormat.GIF && tags.has("File:Comment"));
        addIf(seen, Trait.GIF87A, tags.path("GIF:GIFVersion").asText().equals("87a"));
        // The chunk right after "RIFF size WEBP" names the bitstream of a simple file.
        addIf(seen, Trait.LOSSLESS, format == ImageFormat.WEBP && image.length >= 16
                && new String(Arrays.copyOfRange(image, 12, 16), StandardCharsets.US_ASCII).equals("VP8L"));
        return seen;
    }

    private static void addIf(Set<Trait> traits, Trait trait, boolean present) {
        if (present) {
            traits.add(trait);
        }
    }

    private static boolean anyKey(JsonNode tags, Predicate<String> test) {
        for (Iterator<String> names = tags.fieldNames(); names.hasNext(); ) {
            if (test.test(names.next())) {
                return true;
            }
        }
        return false;
    }
}
