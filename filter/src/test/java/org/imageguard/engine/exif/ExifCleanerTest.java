package org.imageguard.engine.exif;

import com.drew.lang.ByteArrayReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifInteropDirectory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.fieldtypes.AbstractFieldType;
import org.apache.commons.imaging.formats.tiff.write.TiffImageWriterLossy;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputField;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.imageguard.config.StripMode;
import org.imageguard.testing.ExternalTool;
import org.imageguard.testing.Fixtures;
import org.imageguard.testing.Images;
import org.imageguard.testing.TestJpegs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Fixtures come from exiftool (make-fixtures.sh); results are read back with metadata-extractor. */
class ExifCleanerTest {

    private final List<String> removed = new ArrayList<>();

    static byte[] fixture(String name) {
        return Fixtures.bytes(ExifCleanerTest.class, name);
    }

    static Metadata read(byte[] tiff) {
        Metadata metadata = new Metadata();
        new ExifReader().extract(new ByteArrayReader(tiff), metadata);
        return metadata;
    }

    @ParameterizedTest
    @ValueSource(strings = {"exif-le.bin", "exif-be.bin"})
    void privacyKeepsOrientationAndCopyrightAndDropsGpsSerialsAndOwner(String fixture) throws Exception {
        byte[] cleaned = ExifCleaner.forMode(StripMode.PRIVACY).clean(fixture(fixture), removed::add);

        Metadata metadata = read(cleaned);
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        assertThat(ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION)).isEqualTo(6);
        assertThat(ifd0.getString(ExifIFD0Directory.TAG_COPYRIGHT)).isEqualTo("(c) 2026 Example");
        assertThat(ifd0.getString(ExifIFD0Directory.TAG_ARTIST)).isEqualTo("Jane Doe");
        assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        assertThat(exif.containsTag(ExifSubIFDDirectory.TAG_BODY_SERIAL_NUMBER)).isFalse();
        assertThat(exif.containsTag(ExifSubIFDDirectory.TAG_LENS_SERIAL_NUMBER)).isFalse();
        assertThat(exif.containsTag(ExifSubIFDDirectory.TAG_CAMERA_OWNER_NAME)).isFalse();
        assertThat(exif.containsTag(ExifSubIFDDirectory.TAG_USER_COMMENT)).isFalse();
        assertThat(exif.containsTag(ExifSubIFDDirectory.TAG_IMAGE_UNIQUE_ID)).isFalse();
        assertThat(exif.getString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL)).isEqualTo("2026:01:02 03:04:05");
        assertThat(ifd0.containsTag(ExifIFD0Directory.TAG_WIN_COMMENT)).isFalse();
        assertThat(ifd0.containsTag(ExifIFD0Directory.TAG_MAKE)).isFalse();
        assertThat(metadata.getDirectoryCount()).as("IFD0 and Exif IFD only, no thumbnail IFD").isEqualTo(2);
        assertThat(allErrors(metadata)).isEmpty();
    }

    @Test
    void reportsWhatWasRemovedByCategoryWithCounts() {
        ExifCleaner.forMode(StripMode.PRIVACY).clean(fixture("exif-le.bin"), removed::add);

        // Commons Imaging does not list GPSVersionID (tag 0), so the GPS count is one short of exiftool's.
        assertThat(removed).anyMatch(phrase -> phrase.matches("EXIF GPS \\(\\d tags\\)"));
        assertThat(removed).contains("EXIF thumbnail", "EXIF serial numbers (3 tags)",
                "EXIF owner name (1 tag)", "EXIF comments (2 tags)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"exif-le.bin", "exif-be.bin"})
    void keepsTheInputsByteOrder(String fixture) {
        byte[] input = fixture(fixture);

        byte[] cleaned = ExifCleaner.forMode(StripMode.PRIVACY).clean(input, removed::add);

        assertThat(Arrays.copyOf(cleaned, 4)).isEqualTo(Arrays.copyOf(input, 4));
        assertThat(cleaned.length).isLessThan(input.length);
    }

    @Test
    void stripAllKeepsOnlyOrientationAndCopyright() throws Exception {
        byte[] cleaned = ExifCleaner.forMode(StripMode.ALL).clean(fixture("exif-le.bin"), removed::add);

        Metadata metadata = read(cleaned);
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        assertThat(ifd0.getTags()).extracting(t -> t.getTagType())
                .containsExactlyInAnyOrder(ExifIFD0Directory.TAG_ORIENTATION, ExifIFD0Directory.TAG_COPYRIGHT);
        assertThat(metadata.getDirectoryCount()).isEqualTo(1);
    }

    @Test
    void stripNoneReturnsTheInputUnchanged() {
        byte[] input = fixture("exif-le.bin");

        assertThat(ExifCleaner.forMode(StripMode.NONE).clean(input, removed::add)).isSameAs(input);
        assertThat(removed).isEmpty();
    }

    @Test
    void nothingWorthKeepingMeansNull() throws Exception {
        TiffOutputSet set = new TiffOutputSet(ByteOrder.BIG_ENDIAN);
        set.setGpsInDegrees(2.35, 48.85);

        assertThat(ExifCleaner.forMode(StripMode.PRIVACY).clean(write(set), removed::add)).isNull();
        assertThat(removed).singleElement().asString().startsWith("EXIF GPS (");
    }

    @Test
    void makerNoteIsRemoved() throws Exception {
        TiffOutputSet set = new TiffOutputSet(ByteOrder.LITTLE_ENDIAN);
        set.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) 3);
        byte[] note = "Nikon\0secret-maker-note".getBytes(StandardCharsets.US_ASCII);
        set.getOrCreateExifDirectory().add(new TiffOutputField(ExifTagConstants.EXIF_TAG_MAKER_NOTE,
                AbstractFieldType.UNDEFINED, note.length, note));

        byte[] cleaned = ExifCleaner.forMode(StripMode.PRIVACY).clean(write(set), removed::add);

        Metadata metadata = read(cleaned);
        assertThat(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class)
                .getInt(ExifIFD0Directory.TAG_ORIENTATION)).isEqualTo(3);
        assertThat(metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class)).isNull();
        assertThat(removed).containsExactly("EXIF MakerNote (1 tag)");
    }

    @Test
    void theInteroperabilityIndexSurvivesBecauseR03MeansAdobeRgb() throws Exception {
        TiffOutputSet set = new TiffOutputSet(ByteOrder.BIG_ENDIAN);
        set.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) 1);
        set.getOrCreateExifDirectory().add(new TiffOutputField(ExifTagConstants.EXIF_TAG_EXIF_VERSION,
                AbstractFieldType.UNDEFINED, 4, "0232".getBytes(StandardCharsets.US_ASCII)));
        set.addInteroperabilityDirectory().add(ExifTagConstants.EXIF_TAG_INTEROPERABILITY_INDEX, "R03");

        byte[] cleaned = ExifCleaner.forMode(StripMode.PRIVACY).clean(write(set), removed::add);

        Metadata metadata = read(cleaned);
        assertThat(metadata.getFirstDirectoryOfType(ExifInteropDirectory.class)
                .getString(ExifInteropDirectory.TAG_INTEROP_INDEX)).isEqualTo("R03");
        assertThat(metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class)
                .getByteArray(ExifSubIFDDirectory.TAG_EXIF_VERSION)).asString(StandardCharsets.US_ASCII)
                .isEqualTo("0232");
        assertThat(removed).isEmpty();
    }

    @Test
    void exiftoolReadsTheCleanedBlockInAJpegWithoutWarnings(@TempDir Path dir) throws Exception {
        ExternalTool.require("exiftool");
        byte[] cleaned = ExifCleaner.forMode(StripMode.PRIVACY).clean(fixture("exif-be.bin"), removed::add);
        Path file = Files.write(dir.resolve("cleaned.jpg"), withExif(fixture("plain.jpg"), cleaned));

        String tags = Images.exiftool(file, "-a", "-G1", "-s", "-EXIF:all").out();
        String validation = Images.exiftool(file, "-validate", "-warning", "-a").out();

        assertThat(tags).contains("Orientation").contains("Copyright").doesNotContain("GPS")
                .doesNotContain("SerialNumber").doesNotContain("OwnerName").doesNotContain("Thumbnail");
        assertThat(validation).contains("Validate").contains(": OK").doesNotContain("Warning");
    }

    /** The JPEG with an APP1 Exif segment right after SOI. */
    private static byte[] withExif(byte[] jpeg, byte[] tiff) {
        byte[] preamble = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        byte[] payload = Arrays.copyOf(preamble, preamble.length + tiff.length);
        System.arraycopy(tiff, 0, payload, preamble.length, tiff.length);
        return TestJpegs.withSegment(jpeg, 0xE1, payload);
    }

    @Test
    void garbageIsDroppedAndReportedNeverThrown() {
        byte[][] inputs = {
                new byte[0],
                "not a tiff at all".getBytes(StandardCharsets.US_ASCII),
                {'I', 'I', 42, 0},
                {'I', 'I', 42, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F},   // IFD offset past the end
                {'M', 'M', 0, 42, 0, 0, 0, 8, 0x7F, (byte) 0xFF},                 // 32767 entries, 2 bytes there
        };
        for (byte[] input : inputs) {
            removed.clear();
            assertThat(ExifCleaner.forMode(StripMode.PRIVACY).clean(input, removed::add)).isNull();
            assertThat(removed).containsExactly("EXIF unreadable, removed");
        }
    }

    @Test
    void truncatedOrCorruptedExifNeverThrows() {
        byte[] input = fixture("exif-le.bin");
        for (int length = 0; length < input.length; length += 7) {
            byte[] truncated = Arrays.copyOf(input, length);
            assertThatCode(() -> ExifCleaner.forMode(StripMode.PRIVACY).clean(truncated, removed::add))
                    .doesNotThrowAnyException();
        }
        for (int i = 8; i < input.length; i += 3) {
            byte[] corrupted = input.clone();
            corrupted[i] = (byte) 0xFF;
            byte[] result = ExifCleaner.forMode(StripMode.PRIVACY).clean(corrupted, removed::add);
            if (result != null) {
                assertThat(read(result).getFirstDirectoryOfType(GpsDirectory.class)).isNull();
            }
        }
    }

    @Test
    void aHugeCountIsNotAllocated() {
        // IFD0 with one ASCII entry (Copyright) claiming 0x7FFFFFF0 bytes at offset 26.
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, (byte) 0x82, (byte) 0x98, 0, 2, 0x7F, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xF0, 0, 0, 0, 26, 0, 0, 0, 0, 'x', 0};

        assertThat(ExifCleaner.forMode(StripMode.PRIVACY).clean(tiff, removed::add)).isNull();
    }

    private static byte[] write(TiffOutputSet set) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TiffImageWriterLossy(set.byteOrder).write(out, set);
        return out.toByteArray();
    }

    private static List<String> allErrors(Metadata metadata) {
        List<String> errors = new ArrayList<>();
        for (Directory directory : metadata.getDirectories()) {
            directory.getErrors().forEach(errors::add);
        }
        return errors;
    }
}
