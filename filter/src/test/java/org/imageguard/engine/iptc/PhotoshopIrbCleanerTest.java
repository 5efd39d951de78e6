package org.imageguard.engine.iptc;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.jpeg.JpegSegmentType;
import com.drew.metadata.Metadata;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.photoshop.PhotoshopDirectory;
import org.imageguard.config.StripMode;
import org.imageguard.testing.ExternalTool;
import org.imageguard.testing.Fixtures;
import org.imageguard.testing.Images;
import org.imageguard.testing.TestJpegs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.imageguard.testing.ByteArrays.concat;

/** The fixture comes from exiftool (make-fixtures.sh); results are read back with metadata-extractor and exiftool. */
class PhotoshopIrbCleanerTest {

    private final List<String> removed = new ArrayList<>();

    private static byte[] fixtureJpeg() {
        return Fixtures.bytes(PhotoshopIrbCleanerTest.class, "iptc.jpg");
    }

    private static byte[] app13() {
        List<byte[]> segments = TestJpegs.segments(fixtureJpeg(), JpegSegmentType.APPD);
        assertThat(segments).hasSize(1);
        return segments.get(0);
    }

    /** A JPEG without APP13 (the fixture minus its segment) carrying {@code payload} as its only APP13. */
    private static byte[] jpegWith(byte[] payload) {
        byte[] jpeg = fixtureJpeg();
        byte[] original = app13();
        int start = indexOf(jpeg, original) - 4;
        int end = start + 4 + original.length;
        byte[] without = new byte[jpeg.length - (end - start)];
        System.arraycopy(jpeg, 0, without, 0, start);
        System.arraycopy(jpeg, end, without, start, jpeg.length - end);
        return TestJpegs.withSegment(without, 0xED, payload);
    }

    private static Metadata read(byte[] jpeg) throws Exception {
        return JpegMetadataReader.readMetadata(new ByteArrayInputStream(jpeg));
    }

    @Test
    void privacyRemovesLocationDatasetsAndKeepsEditorialOnes() throws Exception {
        byte[] cleaned = PhotoshopIrbCleaner.clean(app13(), StripMode.PRIVACY, removed::add);

        IptcDirectory iptc = read(jpegWith(cleaned)).getFirstDirectoryOfType(IptcDirectory.class);
        assertThat(iptc.getString(IptcDirectory.TAG_BY_LINE)).isEqualTo("Jane Doe");
        assertThat(iptc.getString(IptcDirectory.TAG_COPYRIGHT_NOTICE)).isEqualTo("(c) 2026 Example");
        assertThat(iptc.getString(IptcDirectory.TAG_HEADLINE)).isEqualTo("Hello");
        assertThat(iptc.getString(IptcDirectory.TAG_KEYWORDS)).isEqualTo("sunset");
        assertThat(iptc.containsTag(IptcDirectory.TAG_CITY)).isFalse();
        assertThat(iptc.containsTag(IptcDirectory.TAG_SUB_LOCATION)).isFalse();
        assertThat(iptc.containsTag(IptcDirectory.TAG_PROVINCE_OR_STATE)).isFalse();
        assertThat(iptc.containsTag(IptcDirectory.TAG_COUNTRY_OR_PRIMARY_LOCATION_CODE)).isFalse();
        assertThat(iptc.containsTag(IptcDirectory.TAG_COUNTRY_OR_PRIMARY_LOCATION_NAME)).isFalse();
        assertThat(iptc.getErrors()).isEmpty();
    }

    @Test
    void privacyRemovesThePhotoshopThumbnailAndTheStaleDigest() throws Exception {
        PhotoshopDirectory before = read(fixtureJpeg()).getFirstDirectoryOfType(PhotoshopDirectory.class);
        assertThat(before.containsTag(PhotoshopDirectory.TAG_THUMBNAIL)).as("fixture has a thumbnail").isTrue();
        assertThat(before.containsTag(PhotoshopDirectory.TAG_CAPTION_DIGEST)).as("fixture has a digest").isTrue();

        byte[] cleaned = PhotoshopIrbCleaner.clean(app13(), StripMode.PRIVACY, removed::add);

        PhotoshopDirectory photoshop = read(jpegWith(cleaned)).getFirstDirectoryOfType(PhotoshopDirectory.class);
        assertThat(photoshop.containsTag(PhotoshopDirectory.TAG_THUMBNAIL)).isFalse();
        assertThat(photoshop.containsTag(PhotoshopDirectory.TAG_CAPTION_DIGEST)).isFalse();
        assertThat(removed).containsExactlyInAnyOrder("Photoshop thumbnail", "IPTC location (5 datasets)", "IPTC digest");
    }

    @Test
    void exiftoolReadsTheCleanedSegmentWithoutWarnings(@TempDir Path dir) throws Exception {
        ExternalTool.require("exiftool");
        byte[] cleaned = PhotoshopIrbCleaner.clean(app13(), StripMode.PRIVACY, removed::add);
        Path file = Files.write(dir.resolve("cleaned.jpg"), jpegWith(cleaned));

        String out = Images.exiftool(file, "-a", "-G1", "-s", "-validate", "-warning", "-IPTC:all").out();

        assertThat(out).contains("By-line").contains("CopyrightNotice").doesNotContain("City")
                .doesNotContain("Country").doesNotContain("Warning");
    }

    @Test
    void noneKeepsThePayloadAndAllDropsIt() {
        byte[] payload = app13();

        assertThat(PhotoshopIrbCleaner.clean(payload, StripMode.NONE, removed::add)).isSameAs(payload);
        assertThat(PhotoshopIrbCleaner.clean(payload, StripMode.ALL, removed::add)).isNull();
    }

    @Test
    void aSegmentWithNothingPrivateIsReturnedAsItWas() {
        byte[] payload = irb(resource(0x0404, iim(2, 80, "Jane Doe")), resource(0x03ED, new byte[16]));

        assertThat(PhotoshopIrbCleaner.clean(payload, StripMode.PRIVACY, removed::add)).isSameAs(payload);
        assertThat(removed).isEmpty();
    }

    @Test
    void aSegmentLeftWithNothingIsDropped() {
        byte[] payload = irb(resource(0x0404, iim(2, 90, "Paris")), resource(0x040C, new byte[10]));

        assertThat(PhotoshopIrbCleaner.clean(payload, StripMode.PRIVACY, removed::add)).isNull();
    }

    @Test
    void oddSizesAndNamesArePaddedOnOutput() throws Exception {
        byte[] named = resource(0x0404, iim(2, 90, "Paris", 2, 80, "Jo"));
        byte[] payload = irb(named, resource(0x040B, "http://e.test/x".getBytes(StandardCharsets.US_ASCII)));

        byte[] cleaned = PhotoshopIrbCleaner.clean(payload, StripMode.PRIVACY, removed::add);

        Metadata metadata = read(jpegWith(cleaned));
        assertThat(metadata.getFirstDirectoryOfType(IptcDirectory.class).getString(IptcDirectory.TAG_BY_LINE))
                .isEqualTo("Jo");
        assertThat(metadata.getFirstDirectoryOfType(PhotoshopDirectory.class).getByteArray(PhotoshopDirectory.TAG_URL))
                .asString(StandardCharsets.US_ASCII).isEqualTo("http://e.test/x");
    }

    @Test
    void hostileLengthsDropTheSegmentAndSayWhy() {
        byte[][] inputs = {
                "Photoshop 2.5\0".getBytes(StandardCharsets.US_ASCII),
                irb(new byte[] {'8', 'B', 'I', 'M', 4, 4, 0, 0, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}),
                irb(new byte[] {'X', 'B', 'I', 'M', 4, 4, 0, 0, 0, 0, 0, 0}),
                irb(new byte[] {'8', 'B', 'I', 'M', 4, 4, (byte) 200, 0}),
                irb(resource(0x0404, new byte[] {0x1C, 2, 90, 0x7F, (byte) 0xFF, 'P'})),
                irb(resource(0x0404, new byte[] {0x1C, 2, 90, (byte) 0x80, 9, 1, 2})),
                irb(resource(0x0404, new byte[] {0x1D, 2, 90, 0, 0})),
        };
        for (byte[] input : inputs) {
            removed.clear();
            assertThat(PhotoshopIrbCleaner.clean(input, StripMode.PRIVACY, removed::add)).isNull();
            assertThat(removed).singleElement().asString().startsWith("Photoshop IRB unreadable, removed (at offset");
        }
    }

    @Test
    void everyTruncationOfARealSegmentIsHandled() {
        byte[] payload = app13();
        for (int length = 0; length <= payload.length; length++) {
            byte[] truncated = Arrays.copyOf(payload, length);
            assertThatCode(() -> PhotoshopIrbCleaner.clean(truncated, StripMode.PRIVACY, removed::add))
                    .doesNotThrowAnyException();
        }
    }

    static byte[] irb(byte[]... resources) {
        byte[] out = PhotoshopIrbCleaner.HEADER.clone();
        for (byte[] resource : resources) {
            out = concat(out, resource);
        }
        return out;
    }

    /** An 8BIM resource with an empty name, padded to even size. */
    static byte[] resource(int id, byte[] data) {
        byte[] header = {'8', 'B', 'I', 'M', (byte) (id >> 8), (byte) id, 0, 0,
                (byte) (data.length >>> 24), (byte) (data.length >>> 16), (byte) (data.length >>> 8),
                (byte) data.length};
        byte[] padded = data.length % 2 == 0 ? data : Arrays.copyOf(data, data.length + 1);
        return concat(header, padded);
    }

    /** IIM datasets from (record, dataset, text) triples. */
    static byte[] iim(Object... triples) {
        byte[] out = new byte[0];
        for (int i = 0; i < triples.length; i += 3) {
            byte[] text = ((String) triples[i + 2]).getBytes(StandardCharsets.UTF_8);
            byte[] header = {0x1C, (byte) (int) (Integer) triples[i], (byte) (int) (Integer) triples[i + 1],
                    (byte) (text.length >> 8), (byte) text.length};
            out = concat(out, header, text);
        }
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("segment not found");
    }
}
