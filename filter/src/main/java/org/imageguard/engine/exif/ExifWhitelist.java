package org.imageguard.engine.exif;

import org.imageguard.config.StripMode;

/**
 * The EXIF whitelist ({@link ExifCleaner}'s) for formats that keep EXIF tags in their own TIFF directories rather
 * than in one EXIF block: a TIFF file's IFD0 and Exif IFD. The same tags survive each {@code strip} mode and removed
 * ones are reported under the same phrases ({@code "EXIF GPS"}, {@code "EXIF serial numbers"}, ...).
 */
public final class ExifWhitelist {

    /** Where a tag sits. */
    public enum Directory { ROOT, EXIF, GPS, INTEROP }

    private ExifWhitelist() {
    }

    public static boolean keeps(StripMode mode, Directory directory, int tag) {
        return ExifTags.keeps(mode, type(directory), tag);
    }

    /** The report phrase a removed tag is counted under. */
    public static String category(Directory directory, int tag) {
        return ExifTags.category(type(directory), tag);
    }

    private static int type(Directory directory) {
        return switch (directory) {
            case ROOT -> ExifTags.ROOT;
            case EXIF -> ExifTags.EXIF;
            case GPS -> ExifTags.GPS;
            case INTEROP -> ExifTags.INTEROP;
        };
    }
}
