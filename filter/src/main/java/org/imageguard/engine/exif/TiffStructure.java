package org.imageguard.engine.exif;

import org.apache.commons.imaging.FormatCompliance;
import org.apache.commons.imaging.bytesource.ByteSource;
import org.apache.commons.imaging.formats.tiff.TiffContents;
import org.apache.commons.imaging.formats.tiff.TiffReader;

import java.io.IOException;
import java.nio.ByteOrder;

/**
 * Reading an EXIF TIFF structure with Commons Imaging, shared by the cleaner and the inspector.
 *
 * <pre>
 * header:  "II" 42 (u16 LE) | "MM" 42 (u16 BE), then u32 offset of IFD0
 * IFD:     u16 count, count × (u16 tag, u16 type, u32 count, u32 value-or-offset), u32 next IFD offset
 * </pre>
 */
final class TiffStructure {

    private TiffStructure() {
    }

    /** The byte order the header declares, or null when the bytes do not start a TIFF structure. */
    static ByteOrder byteOrder(byte[] tiff) {
        if (tiff == null || tiff.length < 8) {
            return null;
        }
        if (tiff[0] == 'I' && tiff[1] == 'I' && tiff[2] == 42 && tiff[3] == 0) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        if (tiff[0] == 'M' && tiff[1] == 'M' && tiff[2] == 0 && tiff[3] == 42) {
            return ByteOrder.BIG_ENDIAN;
        }
        return null;
    }

    /**
     * Every IFD (IFD0, Exif, GPS, Interoperability, IFD1...) without image data. Lenient: Commons Imaging skips what
     * it cannot read where it can, and throws (checked or not) where it cannot.
     */
    static TiffContents read(byte[] tiff) throws IOException {
        return new TiffReader(false).readDirectories(ByteSource.array(tiff), false, FormatCompliance.getDefault());
    }
}
