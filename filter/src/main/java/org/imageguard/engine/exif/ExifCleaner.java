package org.imageguard.engine.exif;

import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.formats.tiff.TiffContents;
import org.apache.commons.imaging.formats.tiff.TiffDirectory;
import org.apache.commons.imaging.formats.tiff.TiffField;
import org.apache.commons.imaging.formats.tiff.write.TiffImageWriterLossy;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputField;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.imageguard.config.StripMode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Cleans an EXIF block (a TIFF structure from its byte-order mark on) as {@code strip} says, by reading it with
 * Commons Imaging and writing a fresh, small block with only the tags {@link ExifTags} keeps, in the input's byte
 * order. Everything else — GPS IFD, thumbnail IFD, MakerNote, serial numbers, owner names, comments — is left behind
 * and reported by category with counts ({@code "EXIF GPS (6 tags)"}).
 *
 * <pre>{@code
 * byte[] cleaned = ExifCleaner.forMode(StripMode.PRIVACY).clean(tiff, report::removed); // null: drop the record
 * }</pre>
 *
 * <p>Never throws: EXIF that cannot be read is dropped ("EXIF unreadable, removed") — the image is still protected
 * and served, it only loses a block nobody could have read anyway.
 */
public final class ExifCleaner {

    private static final Map<StripMode, ExifCleaner> BY_MODE = Map.of(StripMode.NONE, new ExifCleaner(StripMode.NONE),
            StripMode.PRIVACY, new ExifCleaner(StripMode.PRIVACY), StripMode.ALL, new ExifCleaner(StripMode.ALL));

    private final StripMode mode;

    private ExifCleaner(StripMode mode) {
        this.mode = mode;
    }

    public static ExifCleaner forMode(StripMode mode) {
        return BY_MODE.get(mode);
    }

    /**
     * @param tiff    the TIFF structure, starting with {@code II*\0} or {@code MM\0*}
     * @param removed told one phrase per category of removed tags
     * @return the cleaned structure, or null when nothing worth keeping is left
     */
    public byte[] clean(byte[] tiff, Consumer<String> removed) {
        if (mode == StripMode.NONE) {
            return tiff;
        }
        if (TiffStructure.byteOrder(tiff) == null) {
            removed.accept("EXIF unreadable, removed");
            return null;
        }
        try {
            return rewrite(tiff, removed);
        } catch (IOException | RuntimeException e) {
            // Commons Imaging signals bad structure with both checked and unchecked exceptions.
            removed.accept("EXIF unreadable, removed");
            return null;
        }
    }

    private byte[] rewrite(byte[] tiff, Consumer<String> removed) throws IOException {
        ByteOrder order = TiffStructure.byteOrder(tiff);
        TiffContents contents = TiffStructure.read(tiff);
        TiffOutputSet output = new TiffOutputSet(order);
        Map<String, Integer> counts = new LinkedHashMap<>();
        int kept = 0;
        for (TiffDirectory directory : contents.directories) {
            for (TiffField field : directory.getDirectoryEntries()) {
                if (ExifTags.POINTERS.contains(field.getTag())) {
                    continue;
                }
                if (ExifTags.keeps(mode, directory.type, field.getTag())) {
                    outputDirectory(output, directory.type).add(copy(field));
                    kept++;
                } else {
                    counts.merge(ExifTags.category(directory.type, field.getTag()), 1, Integer::sum);
                }
            }
        }
        report(counts, removed);
        if (kept == 0) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(tiff.length);
        new TiffImageWriterLossy(order).write(out, output);
        return out.toByteArray();
    }

    private static TiffOutputDirectory outputDirectory(TiffOutputSet output, int type) throws ImagingException {
        return switch (type) {
            case ExifTags.ROOT -> output.getOrCreateRootDirectory();
            case ExifTags.EXIF -> output.getOrCreateExifDirectory();
            case ExifTags.INTEROP -> interopDirectory(output);
            default -> throw new IllegalStateException("ExifTags keeps nothing from directory type " + type);
        };
    }

    /** The Interoperability IFD hangs off the Exif IFD: make sure that one exists too. */
    private static TiffOutputDirectory interopDirectory(TiffOutputSet output) throws ImagingException {
        output.getOrCreateExifDirectory();
        TiffOutputDirectory interop = output.getInteroperabilityDirectory();
        return interop != null ? interop : output.addInteroperabilityDirectory();
    }

    /** The field as it was: same type, count and raw value bytes (valid because the byte order is unchanged). */
    private static TiffOutputField copy(TiffField field) {
        return new TiffOutputField(field.getTag(), field.getTagInfo(), field.getFieldType(),
                Math.toIntExact(field.getCount()), field.getByteArrayValue());
    }

    private static void report(Map<String, Integer> counts, Consumer<String> removed) {
        counts.forEach((category, count) -> removed.accept(category.equals("EXIF thumbnail")
                ? category : category + " (" + count + (count == 1 ? " tag)" : " tags)")));
    }
}
