package org.imageguard.engine.exif;

import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryConstants;
import org.imageguard.config.StripMode;

import java.util.Map;
import java.util.Set;

/**
 * Which EXIF tags survive each {@code strip} mode, and how removed ones are named in the report. A whitelist: EXIF
 * has hundreds of tags and vendors add more, so only what is known to be harmless and useful is kept.
 *
 * <p>{@code privacy} keeps, from IFD0, what shapes how the picture is shown or printed (Orientation, resolution,
 * YCbCr positioning and coefficients, white point, primaries), who owns it (Copyright, Artist: the owner publishes
 * them on purpose) and Software (names a program, not a person); from the Exif IFD the colour description
 * (ColorSpace, Gamma, ComponentsConfiguration), versions, pixel dimensions and DateTimeOriginal — the capture time is
 * not among the private data docs/http.md lists, and OffsetTimeOriginal is dropped because a time zone hints at a
 * place; from the Interoperability IFD its index ({@code R03} is how DCF says "Adobe RGB"). Make and Model go: with the
 * rest gone they only help fingerprint a camera. {@code all} keeps Orientation and Copyright.
 */
final class ExifTags {

    static final int ROOT = TiffDirectoryConstants.DIRECTORY_TYPE_ROOT;
    static final int EXIF = TiffDirectoryConstants.DIRECTORY_TYPE_EXIF;
    static final int GPS = TiffDirectoryConstants.DIRECTORY_TYPE_GPS;
    static final int INTEROP = TiffDirectoryConstants.DIRECTORY_TYPE_INTEROPERABILITY;

    static final int ORIENTATION = 0x0112;
    static final int COPYRIGHT = 0x8298;

    /** Offsets to sub-IFDs: rebuilt by the writer, neither kept nor reported. */
    static final Set<Integer> POINTERS = Set.of(0x8769, 0x8825, 0xA005);

    private static final Set<Integer> PRIVACY_ROOT = Set.of(ORIENTATION, COPYRIGHT, 0x013B, 0x011A, 0x011B, 0x0128,
            0x0213, 0x0211, 0x013E, 0x013F, 0x0131);
    private static final Set<Integer> PRIVACY_EXIF = Set.of(0xA001, 0x9000, 0xA000, 0xA002, 0xA003, 0xA500, 0x9101,
            0x9003);
    private static final Set<Integer> PRIVACY_INTEROP = Set.of(0x0001, 0x0002);
    private static final Set<Integer> ALL_ROOT = Set.of(ORIENTATION, COPYRIGHT);

    private static final Map<Integer, String> NAMED = Map.ofEntries(
            Map.entry(0xA431, "EXIF serial numbers"),   // BodySerialNumber
            Map.entry(0xA435, "EXIF serial numbers"),   // LensSerialNumber
            Map.entry(0xC62F, "EXIF serial numbers"),   // CameraSerialNumber (DNG)
            Map.entry(0xA420, "EXIF serial numbers"),   // ImageUniqueID
            Map.entry(0xA430, "EXIF owner name"),       // CameraOwnerName
            Map.entry(0x9C9D, "EXIF owner name"),       // XPAuthor
            Map.entry(0x927C, "EXIF MakerNote"),
            Map.entry(0x9286, "EXIF comments"),         // UserComment
            Map.entry(0x9C9C, "EXIF comments"),         // XPComment
            Map.entry(0x010E, "EXIF comments"));        // ImageDescription

    private ExifTags() {
    }

    static boolean keeps(StripMode mode, int directoryType, int tag) {
        return switch (mode) {
            case NONE -> true;
            case ALL -> directoryType == ROOT && ALL_ROOT.contains(tag);
            case PRIVACY -> switch (directoryType) {
                case ROOT -> PRIVACY_ROOT.contains(tag);
                case EXIF -> PRIVACY_EXIF.contains(tag);
                case INTEROP -> PRIVACY_INTEROP.contains(tag);
                default -> false;
            };
        };
    }

    /** The report phrase a removed tag is counted under. */
    static String category(int directoryType, int tag) {
        if (directoryType == GPS) {
            return "EXIF GPS";
        }
        if (directoryType > ROOT) {
            return "EXIF thumbnail";
        }
        return NAMED.getOrDefault(tag, "EXIF other");
    }
}
