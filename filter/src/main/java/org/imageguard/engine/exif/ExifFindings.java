package org.imageguard.engine.exif;

import org.apache.commons.imaging.formats.tiff.TiffContents;
import org.apache.commons.imaging.formats.tiff.TiffDirectory;
import org.apache.commons.imaging.formats.tiff.TiffField;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an EXIF block reveals, for {@code inspect}: the privacy-sensitive categories present (named as the rewrite
 * report names them when it removes them: {@code "EXIF GPS"}, {@code "EXIF serial numbers"}, ...) and the rights
 * fields (Copyright, Artist).
 *
 * <pre>{@code
 * ExifFindings findings = ExifFindings.of(tiff);
 * findings.privacy(); // [EXIF GPS, EXIF thumbnail]
 * }</pre>
 *
 * @param privacy categories of private data present; {@code "EXIF unreadable"} when the block cannot be read
 * @param rights  {@code "EXIF Copyright"} / {@code "EXIF Artist"} → value, when present
 */
public record ExifFindings(List<String> privacy, Map<String, String> rights) {

    private static final int ARTIST = 0x013B;

    public ExifFindings {
        privacy = List.copyOf(privacy);
        rights = Map.copyOf(rights);
    }

    public static ExifFindings of(byte[] tiff) {
        if (TiffStructure.byteOrder(tiff) == null) {
            return new ExifFindings(List.of("EXIF unreadable"), Map.of());
        }
        try {
            return collect(TiffStructure.read(tiff));
        } catch (IOException | RuntimeException e) {
            return new ExifFindings(List.of("EXIF unreadable"), Map.of());
        }
    }

    private static ExifFindings collect(TiffContents contents) {
        Set<String> privacy = new LinkedHashSet<>();
        Map<String, String> rights = new LinkedHashMap<>();
        for (TiffDirectory directory : contents.directories) {
            for (TiffField field : directory.getDirectoryEntries()) {
                int tag = field.getTag();
                if (ExifTags.POINTERS.contains(tag)) {
                    continue;
                }
                String category = ExifTags.category(directory.type, tag);
                if (!category.equals("EXIF other")) {
                    privacy.add(category);
                }
                if (directory.type == ExifTags.ROOT && (tag == ExifTags.COPYRIGHT || tag == ARTIST)) {
                    rights.put(tag == ARTIST ? "EXIF Artist" : "EXIF Copyright", text(field));
                }
            }
        }
        return new ExifFindings(new ArrayList<>(privacy), rights);
    }

    private static String text(TiffField field) {
        try {
            return field.getStringValue().trim();
        } catch (IOException | RuntimeException e) {
            return field.getValueDescription();
        }
    }
}
